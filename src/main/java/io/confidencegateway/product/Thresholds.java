package io.confidencegateway.product;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Confidence thresholds of a product: {@code high} and {@code medium} pick the label and UX treatment; below
 * {@code review} an agent must check the draft; below {@code fallback} the draft is not offered and the question
 * is handed off to a human.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Thresholds(
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "1", message = RANGE) Double high,
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "1", message = RANGE) Double medium,
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "1", message = RANGE) Double review,
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "1", message = RANGE) Double fallback) {

    static final String RANGE = "must be a number between 0 and 1";

    public static final Thresholds DEFAULTS = new Thresholds(0.85, 0.60, 0.60, 0.30);

    /** Missing values take the defaults. */
    public Thresholds withDefaults() {
        return new Thresholds(high != null ? high : DEFAULTS.high, medium != null ? medium : DEFAULTS.medium,
                review != null ? review : DEFAULTS.review, fallback != null ? fallback : DEFAULTS.fallback);
    }

    @JsonIgnore
    @AssertTrue(message = "thresholds must be ordered: fallback <= review <= high and medium <= high")
    public boolean isOrdered() {
        Thresholds t = withDefaults();
        return t.fallback <= t.review && t.review <= t.high && t.medium <= t.high;
    }
}
