package io.confidencegateway.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalibrationCalculatorTest {

    @ParameterizedTest
    @CsvSource({"0.0, 0", "0.05, 0", "0.1, 1", "0.3, 3", "0.7, 7", "0.89, 8", "0.9, 9", "1.0, 9", "1.2, 9", "-0.1, 0"})
    void confidenceFallsInItsTenthWithOneInTheLastBucket(double confidence, int bucket) {
        assertThat(CalibrationCalculator.bucketOf(confidence)).isEqualTo(bucket);
    }

    @Test
    void observedAccuracyPerBucketAndTheWeightedGapMakeTheCalibrationError() {
        List<AnswerRow> answers = new ArrayList<>();
        List<FeedbackRow> feedback = new ArrayList<>();
        // 0.8-0.9: four judged at 0.85, three correct; one more not judged.
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            answers.add(new AnswerRow(id, null, 0.85, "deliver", 10, null));
            if (i < 4) {
                feedback.add(new FeedbackRow(id, i < 3, null, null, null, null, null));
            }
        }
        // 0.3-0.4: one judged at 0.35, correct.
        UUID low = UUID.randomUUID();
        answers.add(new AnswerRow(low, null, 0.35, "review", 10, null));
        feedback.add(new FeedbackRow(low, true, null, null, null, null, null));

        ReliabilityTable table = CalibrationCalculator.compute(answers, feedback);

        assertThat(table.buckets()).hasSize(10);
        ReliabilityTable.Bucket high = table.buckets().get(8);
        assertThat(high.lower()).isEqualTo(0.8);
        assertThat(high.upper()).isEqualTo(0.9);
        assertThat(high.count()).isEqualTo(5);
        assertThat(high.judged()).isEqualTo(4);
        assertThat(high.correct()).isEqualTo(3);
        assertThat(high.accuracy()).isEqualTo(0.75);
        assertThat(high.meanConfidence()).isCloseTo(0.85, within(1e-9));
        assertThat(table.buckets().get(0).accuracy()).as("no judged answers").isNull();
        assertThat(table.judged()).isEqualTo(5);
        // 4/5 * |0.75 - 0.85| + 1/5 * |1.0 - 0.35|
        assertThat(table.expectedCalibrationError()).isCloseTo(0.8 * 0.10 + 0.2 * 0.65, within(1e-9));
    }

    @Test
    void withNothingJudgedTheErrorIsNull() {
        ReliabilityTable table = CalibrationCalculator.compute(
                List.of(new AnswerRow(UUID.randomUUID(), null, 0.5, "deliver", 1, null)), List.of());
        assertThat(table.expectedCalibrationError()).isNull();
        assertThat(table.buckets().get(5).count()).isEqualTo(1);
    }
}
