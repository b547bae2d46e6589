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

    @Test
    void tprAtFprCountsUnfaithfulRowsBelowTheLowestFaithfulScoresThatMayBeFlagged() {
        // 20 faithful rows scored 0.50..0.69, 4 unfaithful rows: 6 % of 20 allows one faithful row to be flagged.
        double[] scores = new double[24];
        boolean[] faithful = new boolean[24];
        for (int i = 0; i < 20; i++) {
            scores[i] = 0.50 + i / 100.0;
            faithful[i] = true;
        }
        scores[20] = 0.10;
        scores[21] = 0.505;
        scores[22] = 0.51;
        scores[23] = 0.90;
        // Threshold = second-lowest faithful score 0.51: rows below it are flagged (0.10 and 0.505; 0.51 is not).
        assertThat(Metrics.tprAtFpr(scores, faithful, 0.06)).isEqualTo(0.5);
        assertThat(Metrics.tprAtFpr(scores, faithful, 0.0)).isEqualTo(0.25);
    }

    @Test
    void theBandCountsPrecisionAmongRowsAtOrAboveItsLowerEdgeAndCoverageOfFaithfulRows() {
        double[] band = Metrics.band(new double[] {0.85, 0.84, 0.9, 0.95}, new boolean[] {true, true, false, true},
                0.85);
        assertThat(band[0]).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(band[1]).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(band[2]).isEqualTo(3);
        assertThat(Metrics.band(new double[] {0.1}, new boolean[] {true}, 0.85)[0]).isNaN();
    }

    @Test
    void withinStrataALengthOnlyScoreIsAtChance() {
        // Longer answers are unfaithful; the score is minus the length: perfect overall, chance within strata
        // where length does not vary.
        double[] length = {1, 1, 1, 1, 2, 2, 2, 2};
        boolean[] faithful = {true, true, false, false, true, false, true, false};
        double[] score = {-1, -1, -1, -1, -2, -2, -2, -2};
        double[] strata = Metrics.aurocWithinStrata(score, faithful, length, 2);
        assertThat(strata).containsExactly(0.5, 0.5);
    }
}
