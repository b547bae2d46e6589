package io.confidencegateway.insight;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The metrics of the answers one prompt version gave in a period, so that a canary can be compared with production
 * in business terms.
 *
 * @param promptVersion the version
 * @param answers its answers in the period
 * @param meanConfidence mean confidence of those answers
 * @param reviewShare share an agent had to check before they reached a customer (outcome review)
 * @param handoffRate share handed off to a person instead of answered (outcome hand_off)
 * @param editRate share of answers with a sent text whose edit ratio is above the edit threshold
 * @param thumbsUp answers whose latest rating is up
 * @param thumbsDown answers whose latest rating is down
 * @param costPerAnswer provider cost of its answers / answers with a known cost, US dollars
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PromptVersionMetrics(int promptVersion, long answers, Metric meanConfidence, Metric reviewShare,
        Metric handoffRate, Metric editRate, long thumbsUp, long thumbsDown, Metric costPerAnswer) {
}
