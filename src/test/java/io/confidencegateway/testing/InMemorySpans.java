package io.confidencegateway.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Spans kept in memory for the tracing tests: Quarkus's default {@code cdi} traces exporter sends every finished
 * span to each {@code SpanExporter} bean. The test profile switches the SDK on and the OTLP exporter off
 * (application.properties); in production the SDK is off unless configured.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
