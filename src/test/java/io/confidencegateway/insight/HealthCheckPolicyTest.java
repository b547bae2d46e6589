package io.confidencegateway.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthCheckPolicyTest {

    private static ProductMetrics metrics(Double accuracy, Double hallucination, Double csat, Double adoption,
            Double deflection) {
        return new ProductMetrics(10,
                new ProductMetrics.ModelQuality(metric(accuracy), metric(hallucination), metric(500.0)),
                new ProductMetrics.ProductUsage(metric(csat), metric(adoption), metric(0.1)),
                new ProductMetrics.BusinessImpact(metric(0.5), metric(deflection), metric(0.2), metric(null)));
    }

    private static Metric metric(Double value) {
        return new Metric(value, value == null ? 0 : 10);
    }

    @ParameterizedTest(name = "[{index}] acc={0} hal={1} csat={2} adopt={3} defl={4}")
    @CsvSource(nullValues = "-", textBlock = """
            0.85, 0.049, 4.0, 0.60, 0.40, PASS,    PASS,    PASS,    PASS,    PASS
            0.84, 0.05,  3.9, 0.59, 0.39, FAIL,    FAIL,    WARN,    WARN,    WARN
            1.0,  0.0,   5.0, 1.0,  1.0,  PASS,    PASS,    PASS,    PASS,    PASS
            0.0,  1.0,   1.0, 0.0,  0.0,  FAIL,    FAIL,    WARN,    WARN,    WARN
            -,    -,     -,   -,    -,    NO_DATA, NO_DATA, NO_DATA, NO_DATA, NO_DATA
            0.9,  -,     4.5, -,    0.2,  PASS,    NO_DATA, PASS,    NO_DATA, WARN
            """)
    void rulesWithDefaultTargetsPassWarnOrFail(Double accuracy, Double hallucination, Double csat, Double adoption,
            Double deflection, HealthStatus expAccuracy, HealthStatus expHallucination, HealthStatus expCsat,
            HealthStatus expAdoption, HealthStatus expDeflection) {
        HealthCheck check = new HealthCheckPolicy(HealthTargets.DEFAULTS)
                .evaluate(metrics(accuracy, hallucination, csat, adoption, deflection));
        assertThat(check).isEqualTo(new HealthCheck(expAccuracy, expHallucination, expCsat, expAdoption,
                expDeflection));
    }

    @ParameterizedTest
    @CsvSource({"0.95, 0.94, FAIL", "0.95, 0.95, PASS", "0.70, 0.72, PASS", "0.70, 0.69, FAIL"})
    void accuracyIsJudgedAgainstTheProductsOwnTarget(double target, double accuracy, HealthStatus expected) {
        var targets = new HealthTargets(target, 0.05, 4.0, 0.6, 0.4);
        assertThat(new HealthCheckPolicy(targets).evaluate(metrics(accuracy, 0.0, 4.0, 0.6, 0.4)).accuracy())
                .isEqualTo(expected);
    }

    @Test
    void countsPassedAndMeasuredChecks() {
        HealthCheck check = new HealthCheck(HealthStatus.PASS, HealthStatus.FAIL, HealthStatus.WARN,
                HealthStatus.NO_DATA, HealthStatus.PASS);
        assertThat(check.passed()).isEqualTo(2);
        assertThat(check.measured()).isEqualTo(4);
    }
}
