package io.confidencegateway.insight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The product metrics broken down by prompt version: each answer counts for the version that produced it, so the
 * versions' answers add up to the product's. Pure.
 */
public final class PromptVersionMetricsCalculator {

    private final double editThreshold;

    /** @param editThreshold an answer counts as edited above this edit ratio (as in the product metrics) */
    public PromptVersionMetricsCalculator(double editThreshold) {
        this.editThreshold = editThreshold;
    }

    /** One row per version that answered in the period, lowest version first. */
    public List<PromptVersionMetrics> compute(List<AnswerRow> answers, List<FeedbackRow> feedback) {
        Map<UUID, AnswerVerdict> verdicts = AnswerVerdict.fold(feedback);
        Map<UUID, String> ratings = new HashMap<>();
        for (FeedbackRow event : feedback) {
            if (event.rating() != null) {
                ratings.put(event.answerId(), event.rating());
            }
        }
        Map<Integer, List<AnswerRow>> byVersion = new TreeMap<>();
        answers.forEach(a -> byVersion.computeIfAbsent(a.promptVersion(), v -> new ArrayList<>()).add(a));
        var rows = new ArrayList<PromptVersionMetrics>(byVersion.size());
        byVersion.forEach((version, own) -> rows.add(version(version, own, verdicts, ratings)));
        return rows;
    }

    private PromptVersionMetrics version(int version, List<AnswerRow> answers, Map<UUID, AnswerVerdict> verdicts,
            Map<UUID, String> ratings) {
        double confidence = 0;
        long review = 0;
        long handoff = 0;
        long withFinalText = 0;
        long edited = 0;
        long up = 0;
        long down = 0;
        double cost = 0;
        long priced = 0;
        for (AnswerRow answer : answers) {
            confidence += answer.confidence();
            review += "review".equals(answer.outcome()) ? 1 : 0;
            handoff += "hand_off".equals(answer.outcome()) ? 1 : 0;
            AnswerVerdict v = verdicts.getOrDefault(answer.id(), AnswerVerdict.NONE);
            if (v.editRatio() != null) {
                withFinalText++;
                edited += v.editRatio() > editThreshold ? 1 : 0;
            }
            String rating = ratings.get(answer.id());
            up += "up".equals(rating) ? 1 : 0;
            down += "down".equals(rating) ? 1 : 0;
            if (answer.costUsd() != null) {
                priced++;
                cost += answer.costUsd();
            }
        }
        long n = answers.size();
        return new PromptVersionMetrics(version, n, new Metric(confidence / n, n), Metric.ratio(review, n),
                Metric.ratio(handoff, n), Metric.ratio(edited, withFinalText), up, down,
                priced == 0 ? Metric.none() : new Metric(cost / priced, priced));
    }
}
