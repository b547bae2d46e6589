package io.confidencegateway.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the reliability table (observed accuracy per confidence bucket) and the expected calibration error. */
public final class CalibrationCalculator {

    static final int BUCKETS = 10;

    private CalibrationCalculator() {
    }

    public static ReliabilityTable compute(List<AnswerRow> answers, List<FeedbackRow> feedback) {
        Map<UUID, AnswerVerdict> verdicts = AnswerVerdict.fold(feedback);
        long[] count = new long[BUCKETS];
        long[] judged = new long[BUCKETS];
        long[] correct = new long[BUCKETS];
        double[] confidenceOfJudged = new double[BUCKETS];
        for (AnswerRow answer : answers) {
            int b = bucketOf(answer.confidence());
            count[b]++;
            AnswerVerdict v = verdicts.get(answer.id());
            if (v != null && v.correct() != null) {
                judged[b]++;
                correct[b] += v.correct() ? 1 : 0;
                confidenceOfJudged[b] += answer.confidence();
            }
        }
        long totalJudged = 0;
        for (long j : judged) {
            totalJudged += j;
        }
        List<ReliabilityTable.Bucket> buckets = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < BUCKETS; b++) {
            Double accuracy = judged[b] == 0 ? null : (double) correct[b] / judged[b];
            Double mean = judged[b] == 0 ? null : confidenceOfJudged[b] / judged[b];
            if (accuracy != null) {
                ece += (double) judged[b] / totalJudged * Math.abs(accuracy - mean);
            }
            buckets.add(new ReliabilityTable.Bucket(bound(b), bound(b + 1), count[b], judged[b], correct[b], accuracy,
                    mean));
        }
        return new ReliabilityTable(buckets, answers.size(), totalJudged, totalJudged == 0 ? null : ece);
    }

    static int bucketOf(double confidence) {
        double clamped = Math.max(0.0, Math.min(1.0, confidence));
        return Math.min((int) Math.floor(clamped * BUCKETS + 1e-9), BUCKETS - 1);
    }

    private static double bound(int b) {
        return BigDecimal.valueOf(b).divide(BigDecimal.valueOf(BUCKETS), 1, RoundingMode.UNNECESSARY).doubleValue();
    }
}
