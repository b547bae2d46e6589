package io.confidencegateway.product;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

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
        @NotBlank @Size(max = 200) String name,
        @Size(max = 1000) String userPersona,
        @Size(max = 2000) String jobToBeDone,
        List<@NotBlank String> inputTypes,
        @Size(max = 200) String outputFormat,
        @NotNull @Positive @DecimalMax("600") Double maxLatencySeconds,
        @NotNull ContextWindow contextWindowNeeds,
        @NotNull RiskLevel hallucinationRisk,
        boolean requiresCitations,
        boolean humanReviewRequired,
        @NotNull @DecimalMin("0") @DecimalMax("1") Double accuracyTarget,
        @PositiveOrZero Long dailyRequestsEstimate,
        @PositiveOrZero Integer concurrentUsersPeak,
        @Size(max = 50) String dataResidency,
        @NotNull PiiHandling piiHandling,
        /** A model alias that overrides the tier recommendation. */
        @Size(max = 200) String model,
        @Valid Thresholds thresholds,
        /** Users who could use the product (for the adoption rate). */
        @PositiveOrZero Long eligibleUsers) {

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
    public enum PiiHandling {
        @JsonProperty("none") NONE, @JsonProperty("redact") REDACT, @JsonProperty("allowed") ALLOWED
    }

    /** The spec's thresholds, or the defaults when it has none. */
    public Thresholds effectiveThresholds() {
        return thresholds == null ? Thresholds.DEFAULTS : thresholds.withDefaults();
    }
}
