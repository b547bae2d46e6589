package io.confidencegateway.confidence;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A scored answer: confidence in [0,1], its label, every signal that applied (value, model weight, reason), and
 * the answer sentences some signal doubts, by index, so a UI can highlight them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConfidenceScore(double confidence, String confidenceLabel, List<SignalScore> signals,
        List<UnsupportedClaim> unsupportedClaims) {

    /**
     * One signal's part in the score: its value, the model's weight, and its contribution to the logit
     * ({@code weight × (value − training mean)}, plus for the model's term signal the weights of its words, which its
     * reason names: positive raises the confidence, negative lowers it).
     */
    public record SignalScore(String name, double value, double weight, double contribution, String reason) {
    }

    /** An answer sentence that lacks support, and why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UnsupportedClaim(int sentenceIndex, String text, String reason) {
    }
}
