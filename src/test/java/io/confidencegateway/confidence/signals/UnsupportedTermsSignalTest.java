package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;

class UnsupportedTermsSignalTest {

    private final UnsupportedTermsSignal signal = new UnsupportedTermsSignal();

    @Test
    void aCopiedAnswerHandsNoWordToTheModel() {
        SignalResult result = signal.evaluate(Fixtures.context("Customers can return any unused item within 30 days "
                + "of purchase for a full refund.")).orElseThrow();
        assertThat(result.terms()).isEmpty();
        assertThat(result.value()).isEqualTo(1.0);
        assertThat(result.reason()).isEqualTo("every content word of the answer is in the passages or the question");
    }

    @Test
    void wordsInNoPassageAreHandedOverOncePerStemInOrder() {
        SignalResult result = signal.evaluate(Fixtures.context("Customers can return unused items for a full refund "
                + "and a loyalty voucher. Vouchers expire, and the loyalty scheme is new.")).orElseThrow();
        // "items"/"refund" are in the passages by stem; "vouchers" is "voucher" again, "loyalty" is counted once.
        assertThat(result.terms()).containsExactly("loyalty", "voucher", "expire", "scheme", "new");
        assertThat(result.value()).isEqualTo(1.0 / 6);
        assertThat(result.reason()).isEqualTo("5 word(s) in no passage: 'loyalty', 'voucher', 'expire', 'scheme'");
    }

    @Test
    void theQuestionsOwnWordsAreNotUnsupported() {
        SignalResult result = signal.evaluate(ScoringContext.of("Is there a loyalty voucher with a refund?",
                Fixtures.POLICY, "A full refund comes with no loyalty voucher.", null)).orElseThrow();
        assertThat(result.terms()).containsExactly("comes");
        assertThat(result.value()).isEqualTo(0.5);
    }

    @Test
    void aOneLetterWordIsNoTerm() {
        SignalResult result = signal.evaluate(Fixtures.context("Plan B gives a full refund.")).orElseThrow();
        assertThat(result.terms()).containsExactly("plan", "gives");
    }

    @Test
    void withoutAQuestionTheSignalDoesNotApply() {
        assertThat(signal.evaluate(ScoringContext.of(null, Fixtures.POLICY, "A loyalty voucher comes with it.", null)))
                .isEmpty();
    }
}
