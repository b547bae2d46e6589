package io.confidencegateway.review;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired (as a CDI event, after the resolution is committed) when a reviewer resolves a review item, so that
 * other features, feedback above all, can count the verdict without reaching into the review queue.
 *
 * @param itemId the review item
 * @param answerId the answer it was about
 * @param product the product of the answer
 * @param reviewer who resolved it
 * @param action {@code approve} (the draft was right), {@code edit} (sent with changes in {@code finalText}) or
 *        {@code reject} (the draft was wrong)
 * @param finalText what was actually sent, for {@code edit}
 * @param reason the reviewer's reason, if given
 * @param resolvedAt when
 */
public record ReviewResolved(UUID itemId, UUID answerId, String product, String reviewer, String action,
        String finalText, String reason, Instant resolvedAt) {
}
