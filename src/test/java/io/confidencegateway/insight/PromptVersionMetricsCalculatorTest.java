package io.confidencegateway.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PromptVersionMetricsCalculatorTest {

    private static final PromptVersionMetricsCalculator CALCULATOR = new PromptVersionMetricsCalculator(0.3);

    private static AnswerRow answer(UUID id, double confidence, String outcome, Double cost, int version) {
        return new AnswerRow(id, null, confidence, outcome, 100, cost, version);
    }

    private static FeedbackRow thumb(UUID id, String rating, Double editRatio) {
        return new FeedbackRow(id, null, null, editRatio, null, null, null, "api", null, rating);
    }

    @Test
    void eachAnswerCountsForItsOwnVersionAndTheVersionsAddUpToTheProduct() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        var answers = List.of(answer(a, 0.9, "deliver", 0.002, 1), answer(b, 0.5, "review", null, 1),
                answer(c, 0.7, "hand_off", 0.004, 2), answer(d, 0.8, "deliver", 0.002, 2));
        // b: thumbs up, then changed to down (the latest counts); c: edited just above the threshold; d: exactly at it.
        var feedback = List.of(thumb(b, "up", null), thumb(b, "down", null), thumb(a, "up", null),
                thumb(c, null, 0.31), thumb(d, "up", 0.3));

        List<PromptVersionMetrics> rows = CALCULATOR.compute(answers, feedback);

        assertThat(rows).extracting(PromptVersionMetrics::promptVersion).containsExactly(1, 2);
        assertThat(rows.stream().mapToLong(PromptVersionMetrics::answers).sum()).isEqualTo(answers.size());
        PromptVersionMetrics v1 = rows.get(0);
        assertThat(v1.answers()).isEqualTo(2);
        assertThat(v1.meanConfidence().value()).isEqualTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v1.reviewShare()).isEqualTo(new Metric(0.5, 2));
        assertThat(v1.handoffRate()).isEqualTo(new Metric(0.0, 2));
        assertThat(v1.editRate()).isEqualTo(Metric.none());
        assertThat(v1.thumbsUp()).isEqualTo(1);
        assertThat(v1.thumbsDown()).isEqualTo(1);
        // Only the priced answer counts towards cost per answer.
        assertThat(v1.costPerAnswer()).isEqualTo(new Metric(0.002, 1));
        PromptVersionMetrics v2 = rows.get(1);
        assertThat(v2.handoffRate()).isEqualTo(new Metric(0.5, 2));
        assertThat(v2.reviewShare()).isEqualTo(new Metric(0.0, 2));
        assertThat(v2.editRate()).isEqualTo(new Metric(0.5, 2));
        assertThat(v2.thumbsUp()).isEqualTo(1);
        assertThat(v2.thumbsDown()).isZero();
        assertThat(v2.costPerAnswer().value()).isEqualTo(0.003, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aPeriodWithoutAnswersHasNoVersionRows() {
        assertThat(CALCULATOR.compute(List.of(), List.of(thumb(UUID.randomUUID(), "up", null)))).isEmpty();
    }
}
