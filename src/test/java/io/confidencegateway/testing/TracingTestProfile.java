package io.confidencegateway.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The SDK on, with spans going only to {@link InMemorySpans} (no OTLP exporter) and handed over quickly. */
public class TracingTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.enabled", "false",
                "quarkus.otel.bsp.schedule.delay", "20ms");
    }
}
