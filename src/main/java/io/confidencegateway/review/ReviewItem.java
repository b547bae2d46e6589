package io.confidencegateway.review;

import io.confidencegateway.confidence.ConfidenceScore;
import io.confidencegateway.chat.Passage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One item of the review queue as reviewers see it: the question, the draft (if any) with the passages and
 * signals it rests on, who holds it and until when, and how it was resolved.
 *
 * @param id the item id, which is also the hand-off ticket id
 * @param answerId the answer the item is about
 * @param kind {@code review} (an agent checks the draft) or {@code handoff} (a person answers)
 * @param reason why it was queued, e.g. {@code low_confidence}
 * @param status {@code pending}, {@code claimed} or {@code resolved}
 * @param claimExpiresAt after this instant anyone may take the claim over
 * @param action {@code approve}, {@code edit} or {@code reject}, once resolved
 * @param promptVersion the version of the product's prompt the draft came from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReviewItem(
        UUID id,
        UUID answerId,
        String product,
        String kind,
        String reason,
        String status,
        String question,
        String draft,
        List<Passage> passages,
        List<ConfidenceScore.SignalScore> signals,
        double confidence,
        String claimedBy,
        Instant claimedAt,
        Instant claimExpiresAt,
        String resolvedBy,
        Instant resolvedAt,
        String action,
        String finalText,
        String resolutionReason,
        Instant createdAt,
        int promptVersion) {

    /** An item of the shipped prompt (version 1). */
    public ReviewItem(UUID id, UUID answerId, String product, String kind, String reason, String status,
            String question, String draft, List<Passage> passages, List<ConfidenceScore.SignalScore> signals,
            double confidence, String claimedBy, Instant claimedAt, Instant claimExpiresAt, String resolvedBy,
            Instant resolvedAt, String action, String finalText, String resolutionReason, Instant createdAt) {
        this(id, answerId, product, kind, reason, status, question, draft, passages, signals, confidence, claimedBy,
                claimedAt, claimExpiresAt, resolvedBy, resolvedAt, action, finalText, resolutionReason, createdAt, 1);
    }

    public static final String PENDING = "pending";
    public static final String CLAIMED = "claimed";
    public static final String RESOLVED = "resolved";

}
