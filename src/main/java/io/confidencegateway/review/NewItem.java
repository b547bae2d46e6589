package io.confidencegateway.review;

import io.confidencegateway.confidence.ConfidenceScore;
import io.confidencegateway.chat.Passage;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the answer pipeline puts in the review queue.
 *
 * @param answerId the answer (inference) id the item is about
 * @param product the product the question was asked of
 * @param kind {@link #REVIEW} (the draft needs an agent's check before it reaches the customer) or
 *        {@link #HANDOFF} (the draft is not offered; a person answers)
 * @param reason a short code: {@code low_confidence}, {@code providers_failed}, {@code latency_budget},
 *        {@code no_answer}, {@code review_required}, {@code validation_failed}
 * @param question the customer's question, already redacted
 * @param draft the AI draft, or {@code null} when there is none
 * @param passages the passages the draft rests on
 * @param signals the confidence signals with their reasons
 * @param confidence the calibrated confidence of the draft (0 when there is none)
 * @param promptVersion the version of the product's prompt the draft came from
 */
public record NewItem(UUID answerId, String product, String kind, String reason, String question, String draft,
        List<Passage> passages, List<ConfidenceScore.SignalScore> signals, double confidence, int promptVersion) {

    /** An item from the shipped prompt (version 1). */
    public NewItem(UUID answerId, String product, String kind, String reason, String question, String draft,
            List<Passage> passages, List<ConfidenceScore.SignalScore> signals, double confidence) {
        this(answerId, product, kind, reason, question, draft, passages, signals, confidence, 1);
    }

    public static final String REVIEW = "review";
    public static final String HANDOFF = "handoff";

    /** The reason codes the queue accepts. */
    public static final Set<String> REASONS = Set.of("low_confidence", "providers_failed", "latency_budget",
            "no_answer", "review_required", "validation_failed");

    public NewItem {
        Objects.requireNonNull(answerId, "answerId");
        Objects.requireNonNull(product, "product");
        if (!REVIEW.equals(kind) && !HANDOFF.equals(kind)) {
            throw new IllegalArgumentException("kind must be review or handoff; got " + kind);
        }
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + REASONS + "; got " + reason);
        }
        passages = passages == null ? List.of() : List.copyOf(passages);
        signals = signals == null ? List.of() : List.copyOf(signals);
    }
}
