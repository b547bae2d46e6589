package io.confidencegateway.confidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Labels exactly on the thresholds, defaults for missing values, and the ordering rule a product spec must keep. */
class ThresholdsTest {

    @Test
    void aConfidenceExactlyOnTheHighThresholdIsHighAndJustBelowIsMedium() {
        var thresholds = new Thresholds(0.8, 0.5);

        assertThat(thresholds.label(0.8)).isEqualTo("high_confidence");
        assertThat(thresholds.label(0.79)).isEqualTo("medium_confidence");
    }

    @Test
    void aConfidenceExactlyOnTheMediumThresholdIsMediumAndJustBelowIsLow() {
        var thresholds = new Thresholds(0.8, 0.5);

        assertThat(thresholds.label(0.5)).isEqualTo("medium_confidence");
        assertThat(thresholds.label(0.49)).isEqualTo("low_confidence");
    }

    @Test
    void missingLabelThresholdsUseTheDefaultsWhenLabelling() {
        var unset = new Thresholds(null, null, null, null);

        assertThat(unset.label(0.85)).isEqualTo("high_confidence");
        assertThat(unset.label(0.84)).isEqualTo("medium_confidence");
        assertThat(unset.label(0.60)).isEqualTo("medium_confidence");
        assertThat(unset.label(0.59)).isEqualTo("low_confidence");
    }

    @Test
    void withDefaultsFillsOnlyTheMissingValues() {
        assertThat(new Thresholds(null, null, null, null).withDefaults()).isEqualTo(Thresholds.DEFAULT);
        assertThat(new Thresholds(0.9, 0.7, 0.5, 0.2).withDefaults()).isEqualTo(new Thresholds(0.9, 0.7, 0.5, 0.2));
        assertThat(new Thresholds(0.9, 0.7).withDefaults()).isEqualTo(new Thresholds(0.9, 0.7, 0.60, 0.30));
    }

    @Test
    void equalThresholdsAreOrdered() {
        assertThat(new Thresholds(0.5, 0.5, 0.5, 0.5).isOrdered()).isTrue();
        assertThat(Thresholds.DEFAULT.isOrdered()).isTrue();
    }

    @Test
    void aFallbackAboveTheReviewThresholdIsNotOrdered() {
        assertThat(new Thresholds(0.9, 0.6, 0.5, 0.51).isOrdered()).isFalse();
    }

    @Test
    void aReviewThresholdAboveHighIsNotOrdered() {
        assertThat(new Thresholds(0.7, 0.6, 0.71, 0.3).isOrdered()).isFalse();
    }

    @Test
    void aMediumThresholdAboveHighIsNotOrdered() {
        assertThat(new Thresholds(0.7, 0.71, 0.6, 0.3).isOrdered()).isFalse();
    }

    @Test
    void orderingIsJudgedWithTheDefaultsFilledIn() {
        // high left out means 0.85: a review threshold of 0.9 is above it.
        assertThat(new Thresholds(null, null, 0.9, null).isOrdered()).isFalse();
    }
}
