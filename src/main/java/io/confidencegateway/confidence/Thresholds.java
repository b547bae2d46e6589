package io.confidencegateway.confidence;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Confidence thresholds — the one type for them, as a product spec states them and as scoring applies them:
 * {@code high} and {@code medium} pick the label ({@link #label}) and so the UX treatment; below {@code review} an
 * agent must check the draft; below {@code fallback} the draft is not offered and the question is handed off to a
 * human. A value left out (null) takes the default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Thresholds(
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "1", message = RANGE) Double high,
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "1", message = RANGE) Double medium,
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "1", message = RANGE) Double review,
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "1", message = RANGE) Double fallback) {

    static final String RANGE = "must be a number between 0 and 1";

    public static final Thresholds DEFAULT = new Thresholds(0.85, 0.60, 0.60, 0.30);

    /** Thresholds that only set where the labels change (review and fallback at their defaults). */
    public Thresholds(double high, double medium) {
        this(high, medium, null, null);
    }

    /** Missing values take the defaults. */
    public Thresholds withDefaults() {
        return new Thresholds(high != null ? high : DEFAULT.high, medium != null ? medium : DEFAULT.medium,
                review != null ? review : DEFAULT.review, fallback != null ? fallback : DEFAULT.fallback);
    }

    /**
     * The label of a confidence: {@code high_confidence} at or above {@code high}, {@code medium_confidence} at or
     * above {@code medium}, else {@code low_confidence}. Computed once per answer, by the scorer.
     */
    public String label(double confidence) {
        if (confidence >= (high != null ? high : DEFAULT.high)) {
            return "high_confidence";
        }
        return confidence >= (medium != null ? medium : DEFAULT.medium) ? "medium_confidence" : "low_confidence";
    }

    @JsonIgnore
    @AssertTrue(message = "thresholds must be ordered: fallback <= review <= high and medium <= high")
    public boolean isOrdered() {
        Thresholds t = withDefaults();
        return t.fallback <= t.review && t.review <= t.high && t.medium <= t.high;
    }
}
