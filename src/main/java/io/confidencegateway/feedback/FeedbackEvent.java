package io.confidencegateway.feedback;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A stored feedback event, as returned by {@code POST /v1/answers/{id}/feedback}.
 *
 * @param product the answer's product, null for a plain chat completion
 * @param source {@code api} (a support tool), {@code review} (a reviewer's verdict on a draft in the review queue)
 *        or {@code handoff} (a reviewer's resolution of a hand-off: a person answered, so it judges no AI draft and
 *        has no edit ratio)
 * @param judgedCorrect the verdict this event gives on the draft, null when it gives none
 * @param editRatio the word edit-distance ratio between the draft and {@code final_text} (0 unchanged … 1 all
 *        rewritten), null without a final text or a draft
 * @param edited whether {@code edit_ratio} is above {@code gateway.feedback.edit-threshold}
 * @param reviewItemId the review item, for review verdicts
 * @param reviewAction {@code approve}, {@code edit} or {@code reject}, for review verdicts
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FeedbackEvent(UUID id, UUID answerId, String product, String source, String idempotencyKey,
        String rating, Boolean judgedCorrect, String finalText, Double editRatio, Boolean edited, Boolean resolved,
        Boolean escalated, Integer csat, Boolean hallucination, FeedbackRequest.Span hallucinationSpan,
        String comment, String userId, UUID reviewItemId, String reviewAction, Instant createdAt) {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_REVIEW = "review";
    public static final String SOURCE_HANDOFF = "handoff";
}
