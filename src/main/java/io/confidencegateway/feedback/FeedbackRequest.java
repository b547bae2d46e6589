package io.confidencegateway.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One feedback event on an answer, as validated from {@code POST /v1/answers/{id}/feedback}. Every field is
 * optional, but at least one signal (everything except {@code comment} and {@code user_id}) must be present.
 *
 * @param rating {@code up} or {@code down}: the agent's verdict on the draft
 * @param finalText what the agent actually sent; compared with the draft for the edit ratio
 * @param resolved whether the customer's issue was resolved
 * @param escalated whether the issue went to a human (a second line, another team)
 * @param csat the customer's satisfaction score, 1–5
 * @param hallucination whether the draft contained fabricated content
 * @param hallucinationSpan where, as character offsets into the draft or as the quoted text
 * @param comment free text
 * @param userId the agent giving the feedback
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackRequest(String rating, String finalText, Boolean resolved, Boolean escalated, Integer csat,
        Boolean hallucination, Span hallucinationSpan, String comment, String userId) {

    /** A part of the draft: {@code start}/{@code end} character offsets (end exclusive), or the quoted text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Span(Integer start, Integer end, String text) {
    }

    /** The verdict on the draft this event carries: up → correct, down or a fabrication → incorrect. */
    public Boolean judgedCorrect() {
        if (Boolean.TRUE.equals(hallucination)) {
            return false;
        }
        if (rating == null) {
            return null;
        }
        return rating.equals("up");
    }
}
