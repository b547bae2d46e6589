package io.confidencegateway.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Spans kept in memory for the tracing tests: Quarkus's default {@code cdi} traces exporter sends every finished
 * span to each {@code SpanExporter} bean. It only sees spans where a profile switches the SDK on
 * ({@link TracingTestProfile}); elsewhere the SDK is off, as in production by default.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
