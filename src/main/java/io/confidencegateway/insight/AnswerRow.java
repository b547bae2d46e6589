package io.confidencegateway.insight;

import java.util.UUID;

/**
 * What the metrics read of one product answer.
 *
 * @param outcome {@code deliver}, {@code review} or {@code hand_off}
 * @param costUsd the provider cost, null when unknown
 */
public record AnswerRow(UUID id, String userId, double confidence, String outcome, long latencyMs, Double costUsd) {
}
