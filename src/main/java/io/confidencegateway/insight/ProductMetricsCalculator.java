package io.confidencegateway.insight;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The definitions of the product metrics, over the answers of a period and all feedback on them (feedback given
 * after the period still counts for the period's answers). Pure: the rows come from the database, the
 * arithmetic happens here.
 */
public final class ProductMetricsCalculator {

    private static final String HAND_OFF = "hand_off";

    private final double editThreshold;
    private final Long eligibleUsers;

    /**
     * @param editThreshold an answer counts as edited above this edit ratio
     * @param eligibleUsers users who could use the product (from its spec), null when unknown
     */
    public ProductMetricsCalculator(double editThreshold, Long eligibleUsers) {
        this.editThreshold = editThreshold;
        this.eligibleUsers = eligibleUsers;
    }

    public ProductMetrics compute(List<AnswerRow> answers, List<FeedbackRow> feedback) {
        Map<UUID, AnswerVerdict> verdicts = AnswerVerdict.fold(feedback);
        long judged = 0;
        long correct = 0;
        long fabricated = 0;
        long hallucinationJudged = 0;
        long scored = 0;
        long csatSum = 0;
        long withFinalText = 0;
        long edited = 0;
        long outcomeKnown = 0;
        long resolvedWithoutEscalation = 0;
        long resolved = 0;
        long deflected = 0;
        double cost = 0;
        boolean anyCost = false;
        long withUser = 0;
        long handoffs = 0;
        long answeredByPeople = 0;
        Set<String> users = new HashSet<>();
        for (AnswerRow answer : answers) {
            AnswerVerdict v = verdicts.getOrDefault(answer.id(), AnswerVerdict.NONE);
            if (v.correct() != null) {
                judged++;
                correct += v.correct() ? 1 : 0;
            }
            if (v.judged()) {
                hallucinationJudged++;
                fabricated += Boolean.TRUE.equals(v.hallucination()) ? 1 : 0;
            }
            if (v.csat() != null) {
                scored++;
                csatSum += v.csat();
            }
            if (v.editRatio() != null) {
                withFinalText++;
                edited += v.editRatio() > editThreshold ? 1 : 0;
            }
            boolean escalated = Boolean.TRUE.equals(v.escalated());
            if (v.resolved() != null || v.escalated() != null) {
                outcomeKnown++;
                resolvedWithoutEscalation += Boolean.TRUE.equals(v.resolved()) && !escalated ? 1 : 0;
            }
            resolved += Boolean.TRUE.equals(v.resolved()) ? 1 : 0;
            deflected += "deliver".equals(answer.outcome()) && !escalated ? 1 : 0;
            if (answer.costUsd() != null) {
                anyCost = true;
                cost += answer.costUsd();
            }
            if (answer.userId() != null && !answer.userId().isBlank()) {
                withUser++;
                users.add(answer.userId());
            }
            if (HAND_OFF.equals(answer.outcome())) {
                handoffs++;
                answeredByPeople += Boolean.TRUE.equals(v.answeredByPerson()) ? 1 : 0;
            }
        }
        var quality = new ProductMetrics.ModelQuality(Metric.ratio(correct, judged),
                Metric.ratio(fabricated, hallucinationJudged), latencyP95(answers));
        var usage = new ProductMetrics.ProductUsage(
                scored == 0 ? Metric.none() : new Metric((double) csatSum / scored, scored),
                adoption(withUser, users.size()), Metric.ratio(edited, withFinalText));
        var impact = new ProductMetrics.BusinessImpact(Metric.ratio(resolvedWithoutEscalation, outcomeKnown),
                Metric.ratio(deflected, answers.size()),
                resolved == 0 || !anyCost ? Metric.none() : new Metric(cost / resolved, resolved),
                Metric.ratio(answeredByPeople, handoffs));
        return new ProductMetrics(answers.size(), quality, usage, impact);
    }

    /**
     * Active users over eligible users. Answers that name no user say nothing about adoption, so without a single
     * answer carrying a {@code user_id} (or without {@code eligible_users}) adoption is unknown, not 0.
     */
    private Metric adoption(long answersWithUser, int activeUsers) {
        if (answersWithUser == 0 || eligibleUsers == null || eligibleUsers <= 0) {
            return Metric.none();
        }
        return new Metric((double) activeUsers / eligibleUsers, activeUsers);
    }

    /** Nearest-rank 95th percentile: the smallest recorded latency that at least 95 % of answers do not exceed. */
    static Metric latencyP95(List<AnswerRow> answers) {
        if (answers.isEmpty()) {
            return Metric.none();
        }
        long[] sorted = answers.stream().mapToLong(AnswerRow::latencyMs).sorted().toArray();
        int rank = (int) Math.ceil(0.95 * sorted.length);
        return new Metric((double) sorted[Math.max(rank, 1) - 1], sorted.length);
    }
}
