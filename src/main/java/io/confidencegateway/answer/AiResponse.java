package io.confidencegateway.answer;

import io.confidencegateway.confidence.ConfidenceScore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Every answer as it leaves the gateway: the content and its one-line summary, how far to trust it and why
 * (confidence, label, signals, unsupported claims, the verdict of each defence layer), the passages it rests
 * on, what the agent can do next, whether a human must review it, and how to show it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AiResponse(
        String id,
        String product,
        String content,
        String summary,
        double confidence,
        String confidenceLabel,
        List<Citation> citations,
        List<CitationIssue> citationIssues,
        List<String> suggestedActions,
        boolean requiresHumanReview,
        List<String> reviewReasons,
        UxTreatment ux,
        List<ConfidenceScore.SignalScore> signals,
        List<ConfidenceScore.UnsupportedClaim> unsupportedClaims,
        Defenses defenses,
        Handoff handoff,
        Map<String, Integer> redactions,
        String provider,
        String model,
        int promptVersion,
        UsageView usage,
        long latencyMs,
        Instant createdAt) {

    /** The verdict of each layer of hallucination defence, in one sentence each. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Defenses(String grounding, String validation, String confidence, String humanReview) {
    }

    /** A hand-off to a human: the ticket, why, and what the customer is told. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Handoff(String id, String reason, String message, Integer queuePosition) {
    }

    /**
     * Tokens and what they cost: the answer model's tokens; {@code cost_usd} also counts the verifier tiers' model
     * calls, which {@code verifiers} itemises.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UsageView(int promptTokens, int completionTokens, Double costUsd, List<VerifierView> verifiers) {

        public UsageView(int promptTokens, int completionTokens, Double costUsd) {
            this(promptTokens, completionTokens, costUsd, null);
        }
    }

    /**
     * One verifier tier that checked the answer (only for products that opted in): whether its signal applied or
     * why it is absent, how long it took, and for a judge model its tokens and their cost (included in the
     * answer's {@code cost_usd}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerifierView(String name, String outcome, String reason, long latencyMs, String model,
            Integer promptTokens, Integer completionTokens, Double costUsd) {

        /** The signal is in {@code signals[]}. */
        public static final String APPLIED = "applied";
        /** No signal: {@code reason} says why (error, timeout, malformed reply, not configured). */
        public static final String ABSENT = "absent";
    }
}
