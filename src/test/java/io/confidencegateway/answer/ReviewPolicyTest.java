package io.confidencegateway.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.confidencegateway.answer.ReviewPolicy.Outcome;

/** The review decision at its edges, and the reasons an agent reads. */
class ReviewPolicyTest {

    private static ReviewPolicy.Facts confident() {
        return new ReviewPolicy.Facts(false, true, 0.9, 0.6, 0.3, 0, 0, 2, true);
    }

    private static ReviewPolicy.Facts withConfidence(double confidence) {
        return new ReviewPolicy.Facts(false, true, confidence, 0.6, 0.3, 0, 0, 2, true);
    }

    @Test
    void aConfidentCitedAnswerIsDeliveredWithNoReasons() {
        var decision = ReviewPolicy.decide(confident());

        assertThat(decision.outcome()).isEqualTo(Outcome.DELIVER);
        assertThat(decision.requiresHumanReview()).isFalse();
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void confidenceExactlyOnTheFallbackThresholdIsReviewedNotHandedOff() {
        var decision = ReviewPolicy.decide(withConfidence(0.3));

        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.reasons()).containsExactly("confidence 0.30 is below the review threshold 0.60");
    }

    @Test
    void confidenceJustBelowTheFallbackThresholdIsHandedOffWithBothNumbersInTheReason() {
        var decision = ReviewPolicy.decide(withConfidence(0.29));

        assertThat(decision.outcome()).isEqualTo(Outcome.HAND_OFF);
        assertThat(decision.requiresHumanReview()).isTrue();
        assertThat(decision.reasons()).containsExactly("confidence 0.29 is below the hand-off threshold 0.30");
    }

    @Test
    void confidenceExactlyOnTheReviewThresholdIsDelivered() {
        var decision = ReviewPolicy.decide(withConfidence(0.6));

        assertThat(decision.outcome()).isEqualTo(Outcome.DELIVER);
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void confidenceJustBelowTheReviewThresholdNeedsReview() {
        var decision = ReviewPolicy.decide(withConfidence(0.59));

        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.requiresHumanReview()).isTrue();
        assertThat(decision.reasons()).containsExactly("confidence 0.59 is below the review threshold 0.60");
    }

    @Test
    void oneUnsupportedClaimIsNamedInTheSingular() {
        var decision = ReviewPolicy.decide(new ReviewPolicy.Facts(false, true, 0.9, 0.6, 0.3, 1, 0, 2, true));

        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.reasons()).containsExactly("1 claim lacks support in the sources");
    }

    @Test
    void severalUnsupportedClaimsAreCountedInThePlural() {
        var decision = ReviewPolicy.decide(new ReviewPolicy.Facts(false, true, 0.9, 0.6, 0.3, 2, 0, 2, true));

        assertThat(decision.reasons()).containsExactly("2 claims lack support in the sources");
    }

    @Test
    void danglingCitationsAreCountedInSingularAndPlural() {
        assertThat(ReviewPolicy.decide(new ReviewPolicy.Facts(false, true, 0.9, 0.6, 0.3, 0, 1, 2, true)).reasons())
                .containsExactly("1 citation points at no source");
        assertThat(ReviewPolicy.decide(new ReviewPolicy.Facts(false, true, 0.9, 0.6, 0.3, 0, 3, 2, true)).reasons())
                .containsExactly("3 citations point at no source");
    }

    @Test
    void anUncitedAnswerIsReviewedOnlyWhenTheProductRequiresCitations() {
        var required = ReviewPolicy.decide(new ReviewPolicy.Facts(false, true, 0.9, 0.6, 0.3, 0, 0, 0, true));
        var optional = ReviewPolicy.decide(new ReviewPolicy.Facts(false, false, 0.9, 0.6, 0.3, 0, 0, 0, true));

        assertThat(required.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(required.reasons()).containsExactly("the product requires citations and the answer has none");
        assertThat(optional.outcome()).isEqualTo(Outcome.DELIVER);
    }

    @Test
    void aSingleCitationSatisfiesACitationRequirement() {
        var decision = ReviewPolicy.decide(new ReviewPolicy.Facts(false, true, 0.9, 0.6, 0.3, 0, 0, 1, true));

        assertThat(decision.outcome()).isEqualTo(Outcome.DELIVER);
    }

    @Test
    void aNoAnswerDraftIsHandedOffWithoutAlsoAskingForCitations() {
        var decision = ReviewPolicy.decide(new ReviewPolicy.Facts(false, true, 0.9, 0.6, 0.3, 0, 0, 0, false));

        assertThat(decision.outcome()).isEqualTo(Outcome.HAND_OFF);
        assertThat(decision.reasons()).containsExactly(ReviewPolicy.NO_ANSWER_REASON);
    }

    @Test
    void aHandOffListsItsOwnReasonsBeforeTheReviewReasons() {
        var decision = ReviewPolicy.decide(new ReviewPolicy.Facts(true, true, 0.1, 0.6, 0.3, 1, 0, 2, true));

        assertThat(decision.outcome()).isEqualTo(Outcome.HAND_OFF);
        assertThat(decision.reasons()).containsExactly("confidence 0.10 is below the hand-off threshold 0.30",
                "1 claim lacks support in the sources", "the product requires human review of every answer");
    }

    @Test
    void aProductThatAlwaysWantsReviewSaysSo() {
        var decision = ReviewPolicy.decide(new ReviewPolicy.Facts(true, true, 0.95, 0.6, 0.3, 0, 0, 2, true));

        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.reasons()).containsExactly("the product requires human review of every answer");
    }

    @Test
    void suggestedActionsFollowTheOutcomeAndANoAnswerDraftAsksForKnowledge() {
        assertThat(ReviewPolicy.suggestedActions(Outcome.DELIVER, true)).containsExactly("Send to customer",
                "Edit draft");
        assertThat(ReviewPolicy.suggestedActions(Outcome.REVIEW, true)).containsExactly("Send to customer",
                "Edit draft", "Escalate");
        assertThat(ReviewPolicy.suggestedActions(Outcome.HAND_OFF, true)).containsExactly("Escalate",
                "Answer manually");
        assertThat(ReviewPolicy.suggestedActions(Outcome.HAND_OFF, false)).containsExactly("Answer manually",
                "Escalate", "Add to knowledge base");
    }
}
