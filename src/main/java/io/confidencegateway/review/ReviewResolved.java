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
 * @param kind {@code review} (a verdict on a draft the AI offered) or {@code handoff} (a person answered a question
 *        the AI did not answer: no verdict on the AI)
 */
public record ReviewResolved(UUID itemId, UUID answerId, String product, String reviewer, String action,
        String finalText, String reason, Instant resolvedAt, String kind) {

    /** The resolution of a {@code review} item. */
    public ReviewResolved(UUID itemId, UUID answerId, String product, String reviewer, String action,
            String finalText, String reason, Instant resolvedAt) {
        this(itemId, answerId, product, reviewer, action, finalText, reason, resolvedAt, NewItem.REVIEW);
    }

    /** Whether a person answered a hand-off, rather than judging an AI draft. */
    public boolean handoff() {
        return NewItem.HANDOFF.equals(kind);
    }
}
