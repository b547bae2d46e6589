package io.confidencegateway.confidence.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.ConfidenceModel;

class IsotonicTest {

    @Test
    void theMapIsNonDecreasingAndMatchesTheObservedRatePerBlock() {
        // 100 rows at raw 0.2 of which 10 faithful, 100 at raw 0.8 of which 90 faithful: the model is over-confident
        // at the low end and under-confident at the top; the map says 0.1 and 0.9.
        double[] raw = new double[200];
        boolean[] faithful = new boolean[200];
        for (int i = 0; i < 200; i++) {
            raw[i] = i < 100 ? 0.2 : 0.8;
            faithful[i] = i < 100 ? i < 10 : i < 190;
        }
        ConfidenceModel.Calibration map = Isotonic.fit(raw, faithful);
        assertThat(map.apply(0.2)).isCloseTo(0.1, within(1e-9));
        assertThat(map.apply(0.8)).isCloseTo(0.9, within(1e-9));
        assertThat(map.apply(0.5)).isCloseTo(0.5, within(1e-9));
        assertThat(map.apply(0.0)).isCloseTo(0.1, within(1e-9));
        assertThat(map.apply(1.0)).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void aFewRowsAtTheEndCannotClaimCertainty() {
        // Three top rows all faithful would make a block of 100 %; they are pooled with their neighbours instead.
        double[] raw = new double[103];
        boolean[] faithful = new boolean[103];
        for (int i = 0; i < 100; i++) {
            raw[i] = 0.5;
            faithful[i] = i % 2 == 0;
        }
        for (int i = 100; i < 103; i++) {
            raw[i] = 0.99;
            faithful[i] = true;
        }
        ConfidenceModel.Calibration map = Isotonic.fit(raw, faithful);
        assertThat(map.apply(0.99)).isLessThan(0.6);
        assertThat(map.calibrated()).isSorted();
    }
}
