package io.confidencegateway.confidence.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final boolean[] LABELS = {false, false, true, true};

    @Test
    void aurocIsOneForAPerfectRankingAndHalfForTies() {
        assertThat(Metrics.auroc(new double[] {0.1, 0.2, 0.8, 0.9}, LABELS)).isEqualTo(1.0);
        assertThat(Metrics.auroc(new double[] {0.9, 0.8, 0.2, 0.1}, LABELS)).isEqualTo(0.0);
        assertThat(Metrics.auroc(new double[] {0.5, 0.5, 0.5, 0.5}, LABELS)).isEqualTo(0.5);
        assertThat(Metrics.auroc(new double[] {0.1, 0.7, 0.6, 0.9}, LABELS)).isEqualTo(0.75);
    }

    @Test
    void balancedAccuracyAveragesBothClasses() {
        assertThat(Metrics.balancedAccuracy(new double[] {0.1, 0.7, 0.6, 0.9}, LABELS, 0.65)).isEqualTo(0.5 * (0.5
                + 0.5));
        assertThat(Metrics.bestThreshold(new double[] {0.1, 0.2, 0.8, 0.9}, LABELS)[1]).isEqualTo(1.0);
    }

    @Test
    void calibrationErrorIsTheWeightedGapPerBin() {
        var table = Metrics.reliability(new double[] {0.05, 0.05, 0.95, 0.95}, LABELS, 10);
        assertThat(Metrics.expectedCalibrationError(table)).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void logisticFitRecoversTheDirectionOfASeparatingFeature() {
        double[][] x = {{-1}, {-0.5}, {-0.2}, {0.2}, {0.5}, {1}, {0.1}, {-0.1}};
        double[] y = {0, 0, 0, 1, 1, 1, 0, 1};
        double[] beta = LogisticFit.fit(x, y, 0.1);
        assertThat(beta[1]).isPositive();
        assertThat(Math.abs(beta[0])).isLessThan(0.5);
    }
}
