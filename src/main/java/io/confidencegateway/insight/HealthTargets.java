package io.confidencegateway.insight;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.product.ProductSpec;

/**
 * The targets of the health check. Accuracy comes from the product spec's {@code accuracy_target} (0.85 when
 * absent); the others are the gateway's defaults.
 *
 * @param accuracy accuracy at or above this passes, below fails
 * @param hallucinationBelow a hallucination rate below this passes, at or above fails
 * @param csat mean CSAT at or above this passes, below warns
 * @param adoption adoption at or above this passes, below warns
 * @param deflection deflection at or above this passes, below warns
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HealthTargets(double accuracy, double hallucinationBelow, double csat, double adoption,
        double deflection) {

    public static final HealthTargets DEFAULTS = new HealthTargets(0.85, 0.05, 4.0, 0.60, 0.40);

    public static HealthTargets of(ProductSpec spec) {
        if (spec == null || spec.accuracyTarget() == null) {
            return DEFAULTS;
        }
        return new HealthTargets(spec.accuracyTarget(), DEFAULTS.hallucinationBelow, DEFAULTS.csat, DEFAULTS.adoption,
                DEFAULTS.deflection);
    }
}
