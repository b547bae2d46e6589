package io.confidencegateway.confidence;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.chat.Logprobs;

/**
 * What {@code POST /v1/score} scores: an optional question, the passages the answer should rest on (each a string,
 * or {@code {source, page?, text}}; cited as [1], [2]… in order), the answer, optional provider logprobs in the
 * OpenAI shape, and optional label thresholds.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScoreRequest(String question, List<JsonNode> passages, String answer, Logprobs logprobs,
        ThresholdsInput thresholds) {

    /** Label thresholds for this request; either may be left out. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ThresholdsInput(Double high, Double medium) {
    }

    /** A batch for evaluation: up to {@code gateway.score.max-batch-items} requests. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Batch(List<ScoreRequest> items) {
    }

    /** The batch's scores, in the order of its items. */
    public record BatchResult(List<ConfidenceScore> results) {
    }
}
