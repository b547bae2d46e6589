package io.confidencegateway.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.answer.ReviewPolicy.Outcome;
import io.confidencegateway.chat.GroundingBlock;

class AnswerPoliciesTest {

    private static final List<Passage> PASSAGES = List.of(
            new Passage(1, "refund_policy.md", null, "Refunds within 30 days."),
            new Passage(2, "account_security.pdf", 2, "Locked for 30 minutes."));

    @Test
    void citationsResolveToTheirPassagesInOrderOfFirstUse() {
        var extraction = CitationExtractor.extract(
                "Your account unlocks after 30 minutes [2]. Refunds take 30 days [1][2]. Thanks!", PASSAGES);

        assertThat(extraction.citations()).extracting(Citation::index).containsExactly(2, 1);
        assertThat(extraction.citations().get(0).source()).isEqualTo("account_security.pdf");
        assertThat(extraction.citations().get(0).page()).isEqualTo(2);
        assertThat(extraction.issues()).isEmpty();
        assertThat(extraction.sentences()).isEqualTo(3);
        assertThat(extraction.citedSentences()).isEqualTo(2);
    }

    @Test
    void aMarkerWithNoPassageIsReportedWithItsSentence() {
        var extraction = CitationExtractor.extract("Refunds take 30 days [1]. Fees are waived [7, 1].", PASSAGES);

        assertThat(extraction.issues()).containsExactly(new CitationIssue("[7]", 1,
                "the answer cites [7] but only passages 1–2 were given"));
        assertThat(extraction.citations()).extracting(Citation::index).containsExactly(1);
    }

    @Test
    void summaryIsTheFirstSentenceWithoutMarkers() {
        assertThat(Summaries.of("The refund window is 30 days from purchase [1]. After that, no refunds [2]."))
                .isEqualTo("The refund window is 30 days from purchase.");
        assertThat(Summaries.of("word ".repeat(80))).hasSizeLessThanOrEqualTo(Summaries.MAX_CHARS).endsWith("…");
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("confident, cited, no review needed",
                        facts(false, 0.9, 0, 0, 2, true), Outcome.DELIVER, false),
                Arguments.of("spec always wants review",
                        facts(true, 0.95, 0, 0, 2, true), Outcome.REVIEW, true),
                Arguments.of("below review threshold",
                        facts(false, 0.5, 0, 0, 2, true), Outcome.REVIEW, true),
                Arguments.of("below fallback threshold",
                        facts(false, 0.2, 0, 0, 2, true), Outcome.HAND_OFF, true),
                Arguments.of("an unsupported claim",
                        facts(false, 0.9, 1, 0, 2, true), Outcome.REVIEW, true),
                Arguments.of("a dangling citation",
                        facts(false, 0.9, 0, 1, 2, true), Outcome.REVIEW, true),
                Arguments.of("citations required but none",
                        facts(false, 0.9, 0, 0, 0, true), Outcome.REVIEW, true),
                Arguments.of("the knowledge base has no answer",
                        facts(false, 0.9, 0, 0, 0, false), Outcome.HAND_OFF, true));
    }

    private static ReviewPolicy.Facts facts(boolean specReview, double confidence, int unsupported, int issues,
            int citations, boolean answered) {
        return new ReviewPolicy.Facts(specReview, true, confidence, 0.6, 0.3, unsupported, issues, citations,
                answered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void reviewPolicy(String name, ReviewPolicy.Facts facts, Outcome outcome, boolean review) {
        var decision = ReviewPolicy.decide(facts);

        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.requiresHumanReview()).isEqualTo(review);
        assertThat(decision.reasons().isEmpty()).isEqualTo(outcome == Outcome.DELIVER);
    }

    @Test
    void uxFollowsTheLabel() {
        assertThat(UxTreatment.forLabel("high_confidence").borderColor()).isEqualTo("#27ae60");
        assertThat(UxTreatment.forLabel("medium_confidence").disclaimer()).isEqualTo(
                "This response may need verification.");
        assertThat(UxTreatment.forLabel("low_confidence").icon()).isEqualTo("warning");
    }
}
