package io.confidencegateway.verifier;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.confidence.SignalResult;

/**
 * What one verifier concluded on one answer: its signal, or why there is none, and what the call used.
 *
 * @param name the verifier (and signal) name
 * @param result the signal; empty when the verifier failed, timed out or replied malformed
 * @param absentBecause why the signal is absent, in words; null when it is present
 * @param spend the tokens and cost of the call, when it was a model call
 * @param latencyMs how long the verifier took
 */
public record Verification(String name, Optional<SignalResult> result, String absentBecause, Spend spend,
        long latencyMs) {

    /** Tokens a verifier's model call used, and their price ({@code costUsd} null when the model has none). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spend(String model, int promptTokens, int completionTokens, Double costUsd) {
    }

    public static Verification of(String name, SignalResult result, Spend spend) {
        return new Verification(name, Optional.of(result), null, spend, 0);
    }

    public static Verification absent(String name, String why, Spend spend) {
        return new Verification(name, Optional.empty(), why, spend, 0);
    }

    Verification withAbsentBecause(String why) {
        return new Verification(name, result, why, spend, latencyMs);
    }

    Verification took(long millis) {
        return new Verification(name, result, absentBecause, spend, millis);
    }
}
