package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.SignalResult;

class SupportSpreadSignalTest {

    private static final String RIGHT = "Standard shipping costs $4.99. Refunds are paid to the original card within 5 "
            + "business days. Opened software cannot be returned. ";
    private static final String WRONG = "Every laptop carries a five-year warranty from Contoso.";

    @Test
    void theMeanIsNotSunkByOneWeakSentenceTheWayTheMinimumIs() {
        double weakest = new ClaimSupportSignal().evaluate(Fixtures.context(RIGHT + WRONG)).orElseThrow().value();
        SignalResult mean = new SupportSpreadSignal().evaluate(Fixtures.context(RIGHT + WRONG)).orElseThrow();
        assertThat(mean.value()).isGreaterThan(weakest).isLessThan(1.0);
        assertThat(mean.reason()).endsWith("over 4 claim(s); 1 lack support");
    }

    @Test
    void theSupportedShareCountsClaims() {
        SignalResult share = new SupportedShareSignal().evaluate(Fixtures.context(RIGHT + WRONG)).orElseThrow();
        assertThat(share.value()).isEqualTo(0.75);
        assertThat(share.reason()).isEqualTo("3 of 4 claims are supported by a passage");
        assertThat(new SupportedShareSignal().evaluate(Fixtures.context(RIGHT)).orElseThrow().value()).isEqualTo(1.0);
    }
}
