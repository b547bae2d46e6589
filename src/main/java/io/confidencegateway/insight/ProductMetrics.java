package io.confidencegateway.insight;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A product's metrics over a period in three layers: is the model right, do people use it, does it pay.
 *
 * @param answers the answers of the product in the period
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductMetrics(long answers, ModelQuality modelQuality, ProductUsage productUsage,
        BusinessImpact businessImpact) {

    /**
     * @param accuracy share of judged answers (rated or reviewed) judged correct
     * @param hallucinationRate share of judged answers flagged as fabricated
     * @param latencyP95 95th percentile (nearest rank) of answer latency, in milliseconds
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ModelQuality(Metric accuracy, Metric hallucinationRate, Metric latencyP95) {
    }

    /**
     * @param csat mean customer satisfaction, 1–5
     * @param adoptionRate distinct users who asked / the spec's eligible users
     * @param editRate share of answers with a sent text whose edit ratio is above the edit threshold
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProductUsage(Metric csat, Metric adoptionRate, Metric editRate) {
    }

    /**
     * @param resolutionRate share of answers with a known outcome resolved without escalation
     * @param deflectionRate share of all answers delivered and not escalated (answered without a human)
     * @param costPerResolution provider cost of all the period's answers / resolved answers, US dollars
     * @param handoffAnswerRate share of hand-offs a person answered in the review queue (wrote the reply or
     *        approved the held-back draft)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BusinessImpact(Metric resolutionRate, Metric deflectionRate, Metric costPerResolution,
            Metric handoffAnswerRate) {
    }

    public Metric accuracy() {
        return modelQuality.accuracy();
    }

    public Metric hallucinationRate() {
        return modelQuality.hallucinationRate();
    }

    public Metric csat() {
        return productUsage.csat();
    }

    public Metric adoptionRate() {
        return productUsage.adoptionRate();
    }

    public Metric editRate() {
        return productUsage.editRate();
    }

    public Metric resolutionRate() {
        return businessImpact.resolutionRate();
    }

    public Metric deflectionRate() {
        return businessImpact.deflectionRate();
    }

    public Metric costPerResolution() {
        return businessImpact.costPerResolution();
    }

    public Metric handoffAnswerRate() {
        return businessImpact.handoffAnswerRate();
    }
}
