package io.confidencegateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.answer.Citation;
import io.confidencegateway.answer.UxTreatment;
import io.confidencegateway.confidence.ConfidenceScore;

/** How one golden question's answer is scored: citation hit, hand-off, unsupported claims, overlap and cost. */
class EvaluationQuestionScoreTest {

    private static AiResponse response(List<String> citedSources, AiResponse.Handoff handoff,
            AiResponse.UsageView usage, int unsupported) {
        List<Citation> citations = citedSources.stream().map(s -> new Citation(1, s, null, "text", 0.9)).toList();
        List<ConfidenceScore.UnsupportedClaim> claims = java.util.stream.IntStream.range(0, unsupported)
                .mapToObj(i -> new ConfidenceScore.UnsupportedClaim(i, "claim", "no support")).toList();
        return new AiResponse("a1", "support", "Refunds within 30 days [1].", "Refunds within 30 days.", 0.72,
                "medium_confidence", citations, List.of(), List.of(), false, List.of(),
                UxTreatment.forLabel("medium_confidence"), List.of(), claims, null, handoff, Map.of(), "openai",
                "gpt-4o-mini", 1, usage, 420, Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void citingAWantedSourceIsAHitWhateverItsCaseAndSurroundingSpaces() {
        var golden = new GoldenQuestion("How long for refunds?", List.of(" Refund_Policy.md "), "refunds within 30 days");

        var result = EvaluationScorer.score(golden, response(List.of("other.md", "refund_policy.md", "other.md"),
                null, new AiResponse.UsageView(10, 5, 0.002), 2));

        assertThat(result.citationHit()).isTrue();
        assertThat(result.citedSources()).containsExactly("other.md", "refund_policy.md");
        assertThat(result.handedOff()).isFalse();
        assertThat(result.unsupportedClaims()).isEqualTo(2);
        assertThat(result.confidence()).isEqualTo(0.72);
        assertThat(result.referenceOverlap()).isEqualTo(1.0);
        assertThat(result.costUsd()).isEqualTo(0.002);
        assertThat(result.latencyMs()).isEqualTo(420);
        assertThat(result.answer()).isEqualTo("Refunds within 30 days [1].");
        assertThat(result.question()).isEqualTo("How long for refunds?");
        assertThat(result.error()).isNull();
    }

    @Test
    void citingOnlyOtherSourcesIsAMiss() {
        var golden = new GoldenQuestion("q?", List.of("refund_policy.md"), null);

        var result = EvaluationScorer.score(golden, response(List.of("shipping.md"), null, null, 0));

        assertThat(result.citationHit()).isFalse();
    }

    @Test
    void aHandOffIsCountedAndAMissingReferenceOrUsageLeavesThoseFiguresUnknown() {
        var golden = new GoldenQuestion("q?", List.of("refund_policy.md"), " ");

        var result = EvaluationScorer.score(golden, response(List.of(),
                new AiResponse.Handoff("t1", "low confidence", "An agent will answer.", 1), null, 0));

        assertThat(result.handedOff()).isTrue();
        assertThat(result.citationHit()).isFalse();
        assertThat(result.referenceOverlap()).isNull();
        assertThat(result.costUsd()).isNull();
    }
}
