package io.confidencegateway.insight;

/**
 * The health rules: accuracy at or above target PASS else FAIL; hallucination rate below its limit PASS else
 * FAIL; CSAT, adoption and deflection at or above target PASS else WARN (a product can live with these for a
 * while, not with wrong or made-up answers). A metric without data is NO_DATA.
 */
public final class HealthCheckPolicy {

    private final HealthTargets targets;

    public HealthCheckPolicy(HealthTargets targets) {
        this.targets = targets;
    }

    public HealthCheck evaluate(ProductMetrics m) {
        return new HealthCheck(
                atLeast(m.accuracy(), targets.accuracy(), HealthStatus.FAIL),
                below(m.hallucinationRate(), targets.hallucinationBelow()),
                atLeast(m.csat(), targets.csat(), HealthStatus.WARN),
                atLeast(m.adoptionRate(), targets.adoption(), HealthStatus.WARN),
                atLeast(m.deflectionRate(), targets.deflection(), HealthStatus.WARN));
    }

    private static HealthStatus atLeast(Metric metric, double target, HealthStatus otherwise) {
        if (!metric.hasData()) {
            return HealthStatus.NO_DATA;
        }
        return metric.value() >= target ? HealthStatus.PASS : otherwise;
    }

    private static HealthStatus below(Metric metric, double limit) {
        if (!metric.hasData()) {
            return HealthStatus.NO_DATA;
        }
        return metric.value() < limit ? HealthStatus.PASS : HealthStatus.FAIL;
    }
}
