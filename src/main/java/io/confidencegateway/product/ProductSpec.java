package io.confidencegateway.product;

import io.confidencegateway.confidence.Thresholds;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a product built on the gateway needs: who uses it, for what, how risky a wrong answer is, how fast and
 * how private it must be. The spec drives model-tier routing, confidence thresholds, PII redaction and review.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductSpec(
        @NotBlank(message = "is required and must not be blank") @Size(max = 200, message = TEXT_MAX) String name,
        @Size(max = 1000, message = TEXT_MAX) String userPersona,
        @Size(max = 2000, message = TEXT_MAX) String jobToBeDone,
        @Size(max = 20, message = "must have at most {max} entries")
        List<@NotBlank(message = "must not be blank") @Size(max = 50, message = TEXT_MAX) String> inputTypes,
        @Size(max = 200, message = TEXT_MAX) String outputFormat,
        @NotNull(message = "is required: " + LATENCY_RANGE) @Positive(message = "must be " + LATENCY_RANGE)
        @DecimalMax(value = "600", message = "must be " + LATENCY_RANGE) Double maxLatencySeconds,
        @NotNull(message = "is required: one of short, medium, long") ContextWindow contextWindowNeeds,
        @NotNull(message = "is required: one of low, medium, high, critical") RiskLevel hallucinationRisk,
        boolean requiresCitations,
        boolean humanReviewRequired,
        @NotNull(message = "is required: " + UNIT_RANGE) @DecimalMin(value = "0", message = "must be " + UNIT_RANGE)
        @DecimalMax(value = "1", message = "must be " + UNIT_RANGE) Double accuracyTarget,
        @PositiveOrZero(message = COUNT) Long dailyRequestsEstimate,
        @PositiveOrZero(message = COUNT) Integer concurrentUsersPeak,
        @Schema(description = "Where the product's data may be processed, e.g. \"EU\" (case-insensitive): only "
                + "providers whose gateway.providers.<name>.region is that region, or that run inside the gateway "
                + "(the extractive provider), serve it, at every step of its fallback chain and for its verifier "
                + "tiers. A PUT whose model route has no such provider is refused with 400. Absent: any provider.",
                example = "EU")
        @Size(max = 50, message = TEXT_MAX) String dataResidency,
        @NotNull(message = "is required: one of none, redact, allowed") PiiHandling piiHandling,
        /** A model alias that overrides the tier recommendation. */
        @Size(max = 200, message = TEXT_MAX) String model,
        @Valid Thresholds thresholds,
        /** Users who could use the product (for the adoption rate). */
        @PositiveOrZero(message = COUNT) Long eligibleUsers,
        /** What to serve when max_latency_seconds runs out before the model answers (default: handoff). */
        OnLatencyBudget onLatencyBudget,
        /** The optional verifier tiers that check this product's answers (off when absent or empty). */
        @Schema(description = "Optional verifier tiers that check each answer against its passages, each adding a "
                + "signal: \"entailment\" (an NLI / hallucination classifier, gateway.verifiers.entailment.url) and "
                + "\"judge\" (an LLM judge, gateway.verifiers.judge.model). Off when absent or empty; a verifier "
                + "this gateway has not configured is refused with 400. They add latency within "
                + "max_latency_seconds, and the judge's tokens add to usage.cost_usd.",
                example = "[\"entailment\", \"judge\"]")
        @Size(max = 10, message = "must have at most {max} entries") List<String> verifiers,
        /** How much worse than production a prompt version may evaluate and still become production. */
        @Valid PromptGate promptGate) {

    static final String TEXT_MAX = "must be at most {max} characters";
    static final String UNIT_RANGE = "a number between 0 and 1";
    static final String LATENCY_RANGE = "a number of seconds greater than 0 and at most 600";
    static final String COUNT = "must be 0 or more";

    /** Context window the product needs: short under 4K tokens, medium 4–32K, long over 32K. */
    public enum ContextWindow {
        @JsonProperty("short") SHORT, @JsonProperty("medium") MEDIUM, @JsonProperty("long") LONG
    }

    /** How bad a wrong answer is. */
    public enum RiskLevel {
        @JsonProperty("low") LOW, @JsonProperty("medium") MEDIUM, @JsonProperty("high") HIGH,
        @JsonProperty("critical") CRITICAL
    }

    /** What the gateway does with personal data in questions: nothing, redact before any provider, or allow. */
    /**
     * When the latency budget runs out: hand the question off to a person, or serve the best answer the gateway
     * has without the model (the extractive answer from the retrieved passages, clearly marked).
     */
    public enum OnLatencyBudget {
        @JsonProperty("handoff") HANDOFF, @JsonProperty("best_effort") BEST_EFFORT
    }

    /** The latency-budget behaviour, handoff when the spec says nothing. */
    public OnLatencyBudget latencyBudgetBehaviour() {
        return onLatencyBudget == null ? OnLatencyBudget.HANDOFF : onLatencyBudget;
    }

    public enum PiiHandling {
        @JsonProperty("none") NONE, @JsonProperty("redact") REDACT, @JsonProperty("allowed") ALLOWED
    }

    /** The verifier tiers the product opted into; empty when none. */
    public List<String> verifierNames() {
        return verifiers == null ? List.of() : verifiers;
    }

    /** The spec's promotion gate for prompt versions, missing values (or all of it) at the defaults. */
    public PromptGate effectivePromptGate() {
        return promptGate == null ? PromptGate.DEFAULT : promptGate.withDefaults();
    }

    /** The spec's thresholds, or the defaults when it has none. */
    public Thresholds effectiveThresholds() {
        return thresholds == null ? Thresholds.DEFAULT : thresholds.withDefaults();
    }
}
