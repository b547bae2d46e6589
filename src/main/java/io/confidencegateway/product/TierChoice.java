package io.confidencegateway.product;

import java.util.List;

/**
 * The tier a product spec calls for, why, and the guardrails that go with it.
 *
 * @param tier the recommended tier
 * @param reason one sentence a product owner can read
 * @param guardrails defences to apply, in a stable order
 */
public record TierChoice(ModelTier tier, String reason, List<Guardrail> guardrails) {

    public TierChoice {
        guardrails = List.copyOf(guardrails);
    }
}
