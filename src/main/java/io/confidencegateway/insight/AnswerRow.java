package io.confidencegateway.insight;

import java.util.UUID;

/**
 * What the metrics read of one product answer.
 *
 * @param outcome {@code deliver}, {@code review} or {@code hand_off}
 * @param costUsd the provider cost, null when unknown
 * @param promptVersion the version of the product's prompt that produced it
 */
public record AnswerRow(UUID id, String userId, double confidence, String outcome, long latencyMs, Double costUsd,
        int promptVersion) {

    /** An answer of the shipped prompt (version 1). */
    public AnswerRow(UUID id, String userId, double confidence, String outcome, long latencyMs, Double costUsd) {
        this(id, userId, confidence, outcome, latencyMs, costUsd, 1);
    }
}
