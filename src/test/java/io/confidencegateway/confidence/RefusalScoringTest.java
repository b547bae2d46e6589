package io.confidencegateway.confidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.confidencegateway.verifier.VerifierPriors;

/**
 * The served scorer on answers that use a refusal's words: a policy claim or an invented detail behind them is
 * checked like any claim, and only a refusal the passages bear out earns the refusal's credit.
 */
class RefusalScoringTest {

    private static final Thresholds T = Thresholds.DEFAULT;
    private static final String SHIP = "Can I ship to Mexico?";
    private static final String SOFTWARE = "Can I return opened software?";
    private static final String REFUND = "Customers can return any unused item within 30 days of purchase for a full "
            + "refund. ";

    private final ConfidenceScorer scorer = ConfidenceScorer.serving(VerifierPriors.over(ConfidenceModel.shipped()),
            SignalCatalog.discover());

    private ConfidenceScore score(String question, String answer) {
        return scorer.score(ScoringContext.of(question, Fixtures.POLICY, answer, null), T);
    }

    private static boolean hasRefusalSignal(ConfidenceScore score) {
        return score.signals().stream().anyMatch(s -> s.name().equals("refusal"));
    }

    @Test
    void aMadeUpAnswerBehindASourceWordIsCheckedAndStaysBelowReview() {
        ConfidenceScore score = score(SHIP, "The shipping information does not include Canada, and express delivery "
                + "to Mexico costs $9.99 and takes one day.");
        assertThat(hasRefusalSignal(score)).isFalse();
        assertThat(score.confidence()).isLessThan(T.medium());
        assertThat(score.unsupportedClaims()).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("'mexico'", "'$9.99'"));
    }

    @Test
    void whatARefusalSentenceGoesOnToClaimIsCheckedAgainstThePassages() {
        ConfidenceScore score = score(SHIP, "The passages do not mention Canada, but express delivery to Mexico costs "
                + "$9.99 and takes one day.");
        assertThat(hasRefusalSignal(score)).isFalse();
        assertThat(score.confidence()).isLessThan(T.medium());
        assertThat(score.unsupportedClaims()).singleElement().satisfies(c -> {
            assertThat(c.sentenceIndex()).isZero();
            assertThat(c.reason()).contains("'$9.99'");
        });
    }

    @Test
    void anInventedTimeLimitInAPolicySentenceIsCaughtAndKeepsTheAnswerOutOfHigh() {
        ConfidenceScore correct = score(SOFTWARE, REFUND + "Opened software cannot be returned.");
        ConfidenceScore invented = score(SOFTWARE, REFUND + "We cannot provide refunds for opened software after 90 "
                + "days.");
        assertThat(correct.confidenceLabel()).isEqualTo("high_confidence");
        assertThat(invented.confidenceLabel()).isNotEqualTo("high_confidence");
        // The calibration map is flat at its top (0.93), so the gap is the invented sentence's cost from there.
        assertThat(invented.confidence()).isLessThan(correct.confidence() - 0.1);
        assertThat(invented.unsupportedClaims()).singleElement().satisfies(c -> {
            assertThat(c.sentenceIndex()).isEqualTo(1);
            assertThat(c.reason()).contains("'90 days'");
        });
    }

    @Test
    void anInventedConditionInAPolicySentenceKeepsTheAnswerOutOfHigh() {
        ConfidenceScore score = score(SOFTWARE, REFUND + "We cannot provide refunds for opened software, even with a "
                + "receipt and a manager's approval.");
        assertThat(score.confidenceLabel()).isNotEqualTo("high_confidence");
        assertThat(score.signals()).filteredOn(s -> s.name().equals("invented_phrases")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("'even with a receipt and a manager's approval'"));
    }

    @Test
    void aCorrectPolicyStatementIsNoRefusalAndOutscoresAnInventedOne() {
        ConfidenceScore policy = score(SOFTWARE, "We cannot provide refunds for opened software.");
        ConfidenceScore invented = score(SOFTWARE, "We cannot provide refunds after 90 days.");
        assertThat(hasRefusalSignal(policy)).isFalse();
        assertThat(hasRefusalSignal(invented)).isFalse();
        assertThat(policy.confidence()).isGreaterThanOrEqualTo(T.medium());
        assertThat(invented.confidence()).isLessThan(policy.confidence() - 0.1);
        assertThat(invented.unsupportedClaims()).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("'90 days'"));
    }

    @Test
    void aRefusalThePassagesBearOutStillEarnsTheTopBand() {
        ConfidenceScore score = score("Can I pay with Bitcoin?", "The passages do not mention which payment methods "
                + "are accepted.");
        assertThat(hasRefusalSignal(score)).isTrue();
        assertThat(score.confidenceLabel()).isEqualTo("high_confidence");
    }
}
