package io.confidencegateway.confidence;

import io.confidencegateway.chat.Passage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.signals.ClaimSupportSignal;

/** A sentence quoted word for word from a passage is supported, even beside a near-twin that says the opposite. */
class VerbatimQuoteTest {

    private static final String MONTHLY = """
            ## Monthly plans

            Within the 30-day window, the last monthly charge is refunded in full.

            After the 30-day window, monthly charges are not refunded. When you cancel a monthly plan, you keep access until
            the end of the period you already paid for, and you are not charged again.""";

    @Test
    void aVerbatimNegatedSentenceIsNotFlaggedForNegation() {
        var context = ScoringContext.of("How long is the refund window?", List.of(new Passage(3, "refund_policy.md",
                null, MONTHLY)), "After the 30-day window, monthly charges are not refunded. [3]", null);

        var result = new ClaimSupportSignal().evaluate(context).orElseThrow();

        assertThat(result.flags()).isEmpty();
        assertThat(result.value()).isEqualTo(1.0);
    }

    @Test
    void theNearTwinStatedPositivelyIsStillSupportedAndItsOppositeIsNot() {
        var passages = List.of(new Passage(3, "refund_policy.md", null, MONTHLY));
        var twin = ScoringContext.of(null, passages,
                "Within the 30-day window, the last monthly charge is refunded in full. [3]", null);
        var flipped = ScoringContext.of(null, passages,
                "Within the 30-day window, the last monthly charge is not refunded. [3]", null);

        assertThat(new ClaimSupportSignal().evaluate(twin).orElseThrow().flags()).isEmpty();
        assertThat(new ClaimSupportSignal().evaluate(flipped).orElseThrow().flags()).isNotEmpty();
    }
}
