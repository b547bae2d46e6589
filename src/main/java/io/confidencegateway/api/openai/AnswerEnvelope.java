package io.confidencegateway.api.openai;

import io.confidencegateway.confidence.ConfidenceScore;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.pipeline.AnswerPipeline;
import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.answer.Citation;
import io.confidencegateway.answer.UxTreatment;
import io.confidencegateway.provider.Attempt;

/**
 * The {@code gateway} object of a chat completion addressed to a product: how far to trust the answer and how
 * to show it, next to the plain envelope's routing facts. The full AIResponse is at {@code GET /v1/answers/{id}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerEnvelope(String inferenceId, String product, String model, String provider, double confidence,
        String confidenceLabel, boolean requiresHumanReview, List<String> reviewReasons, String summary,
        List<Citation> citations, List<ConfidenceScore.UnsupportedClaim> unsupportedClaims, UxTreatment ux,
        AiResponse.Handoff handoff, List<Attempt> attempts) {

    static AnswerEnvelope of(AnswerPipeline.Answered answered) {
        AiResponse answer = answered.response();
        List<Attempt> attempts = answered.attempts();
        return new AnswerEnvelope(answer.id(), answer.product(), answered.alias(), answer.provider(),
                answer.confidence(), answer.confidenceLabel(), answer.requiresHumanReview(), answer.reviewReasons(),
                answer.summary(), answer.citations(), answer.unsupportedClaims(), answer.ux(), answer.handoff(),
                attempts.size() > 1 ? attempts : null);
    }
}
