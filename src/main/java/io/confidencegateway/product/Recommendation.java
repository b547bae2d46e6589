package io.confidencegateway.product;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The model a product should use and why.
 *
 * @param product the product id, when the spec is a stored product's
 * @param tier the tier the spec calls for
 * @param modelAlias the alias configured for that tier ({@code gateway.tiers.<tier>})
 * @param reason one sentence explaining the tier
 * @param guardrails defences to apply with it
 * @param overriddenBySpecModel whether the spec names its own {@code model}, which wins over the tier
 * @param effectiveModelAlias the alias requests for this product are routed to
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommendation(String product, ModelTier tier, String modelAlias, String reason,
        List<Guardrail> guardrails, boolean overriddenBySpecModel, String effectiveModelAlias) {
}
