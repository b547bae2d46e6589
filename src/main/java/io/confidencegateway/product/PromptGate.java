package io.confidencegateway.product;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How much worse than the production prompt a candidate version's evaluation may be for production to move to it,
 * in percentage points. A value left out (null) takes the default: citation hit rate and unsupported-claim share
 * within 2 points, hand-off rate not higher by more than 5.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The promotion gate of this product's prompt versions, in percentage points (0-100): how much "
        + "lower the candidate's citation hit rate, and how much higher its unsupported-claim share and hand-off rate "
        + "may be than production's. Each left out takes the default (2, 2, 5).",
        example = "{\"citation_hit_rate_drop_points\": 1, \"unsupported_share_rise_points\": 2, "
                + "\"handoff_rate_rise_points\": 5}")
public record PromptGate(
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "100", message = RANGE)
        Double citationHitRateDropPoints,
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "100", message = RANGE)
        Double unsupportedShareRisePoints,
        @DecimalMin(value = "0", message = RANGE) @DecimalMax(value = "100", message = RANGE)
        Double handoffRateRisePoints) {

    static final String RANGE = "must be a number of percentage points between 0 and 100";

    /** The gate of a product whose spec sets none. */
    public static final PromptGate DEFAULT = new PromptGate(2.0, 2.0, 5.0);

    /** Missing values take the defaults. */
    public PromptGate withDefaults() {
        return new PromptGate(
                citationHitRateDropPoints != null ? citationHitRateDropPoints : DEFAULT.citationHitRateDropPoints,
                unsupportedShareRisePoints != null ? unsupportedShareRisePoints : DEFAULT.unsupportedShareRisePoints,
                handoffRateRisePoints != null ? handoffRateRisePoints : DEFAULT.handoffRateRisePoints);
    }
}
