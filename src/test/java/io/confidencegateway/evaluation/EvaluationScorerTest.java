package io.confidencegateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class EvaluationScorerTest {

    private static Evaluation.QuestionResult result(boolean hit, double confidence, boolean handedOff,
            int unsupported, Double overlap, Double cost, long latency) {
        return new Evaluation.QuestionResult("q", "a", List.of(), hit, confidence, handedOff, unsupported, overlap,
                cost, latency, null);
    }

    @Test
    void overlapIsTheWordF1IgnoringCaseAndCitationMarkers() {
        assertThat(EvaluationScorer.overlap("Refunds within 30 days [1].", "refunds within 30 days"))
                .isEqualTo(1.0);
        assertThat(EvaluationScorer.overlap("Shipping is free.", "Refunds take 30 days.")).isZero();
        assertThat(EvaluationScorer.overlap("", "Refunds take 30 days.")).isZero();
        // 2 common words; precision 2/4, recall 2/2: F1 = 2/3.
        assertThat(EvaluationScorer.overlap("refunds take five days", "refunds take"))
                .isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void theSummaryCountsEachQuestionOnceAndLeavesUnknownsUnknown() {
        var results = List.of(result(true, 0.9, false, 0, 0.5, 0.001, 100),
                result(false, 0.3, true, 2, null, null, 300), result(true, 0.6, false, 1, 1.0, 0.003, 200),
                result(true, 0.8, false, 0, null, null, 400));

        Evaluation.Summary summary = EvaluationScorer.summarize(results);

        assertThat(summary.citationHitRate()).isEqualTo(0.75);
        assertThat(summary.meanConfidence()).isCloseTo(0.65, within(1e-12));
        assertThat(summary.handoffRate()).isEqualTo(0.25);
        assertThat(summary.unsupportedClaimShare()).isEqualTo(0.5);
        assertThat(summary.referenceOverlap()).isEqualTo(0.75);
        assertThat(summary.costUsd()).isCloseTo(0.004, within(1e-12));
        assertThat(summary.meanLatencyMs()).isEqualTo(250);
        Evaluation.Summary unknown = EvaluationScorer.summarize(List.of(result(false, 0.5, false, 0, null, null, 1)));
        assertThat(unknown.referenceOverlap()).isNull();
        assertThat(unknown.costUsd()).isNull();
    }

    @Test
    void aQuestionWithoutAnAnswerIsAMissAndAHandOff() {
        Evaluation.QuestionResult failed = EvaluationScorer.failed(new GoldenQuestion("q?", List.of("a.md"), null),
                "no answer: timeout");

        assertThat(failed.citationHit()).isFalse();
        assertThat(failed.handedOff()).isTrue();
        assertThat(failed.error()).isEqualTo("no answer: timeout");
    }
}
