package io.confidencegateway.insight;

import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The health check of a product's metrics: one status per checked metric. */
public record HealthCheck(HealthStatus accuracy, HealthStatus hallucination, HealthStatus csat,
        HealthStatus adoption, HealthStatus deflection) {

    /** Checks that passed. */
    @JsonIgnore
    public long passed() {
        return statuses().filter(s -> s == HealthStatus.PASS).count();
    }

    /** Checks that had data to judge. */
    @JsonIgnore
    public long measured() {
        return statuses().filter(s -> s != HealthStatus.NO_DATA).count();
    }

    private Stream<HealthStatus> statuses() {
        return Stream.of(accuracy, hallucination, csat, adoption, deflection);
    }
}
