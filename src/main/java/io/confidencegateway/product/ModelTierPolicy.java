package io.confidencegateway.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recommends a model tier from a product spec. The first rule that applies wins:
 * <ol>
 * <li>high or critical hallucination risk → {@link ModelTier#FRONTIER}, with citations, human review and
 * confidence gating as guardrails whatever the spec says;
 * <li>a long context window (over 32K tokens) → {@link ModelTier#LONG_CONTEXT};
 * <li>more than {@value #HIGH_VOLUME_PER_DAY} requests a day → {@link ModelTier#FINE_TUNED_SMALL}, for cost;
 * <li>otherwise → {@link ModelTier#MID}.
 * </ol>
 * Below the frontier tier the guardrails are the ones the spec asks for ({@code requires_citations},
 * {@code human_review_required}). Pure: no I/O, no configuration.
 */
public final class ModelTierPolicy {

    /** Daily requests above which cost decides the tier. */
    public static final long HIGH_VOLUME_PER_DAY = 10_000;

    /** The tier the spec calls for. */
    public TierChoice recommend(ProductSpec spec) {
        ProductSpec.RiskLevel risk = spec.hallucinationRisk();
        if (risk == ProductSpec.RiskLevel.HIGH || risk == ProductSpec.RiskLevel.CRITICAL) {
            return new TierChoice(ModelTier.FRONTIER, "Hallucination risk is " + name(risk)
                    + ", so the most capable tier is recommended, guarded by required citations, human review and"
                    + " confidence gating.",
                    List.of(Guardrail.CITATIONS_REQUIRED, Guardrail.HUMAN_REVIEW, Guardrail.CONFIDENCE_GATING));
        }
        List<Guardrail> asked = guardrailsAskedFor(spec);
        if (spec.contextWindowNeeds() == ProductSpec.ContextWindow.LONG) {
            return new TierChoice(ModelTier.LONG_CONTEXT, "The product needs a long context window (over 32K"
                    + " tokens), which only long-context models hold.", asked);
        }
        long daily = spec.dailyRequestsEstimate() == null ? 0 : spec.dailyRequestsEstimate();
        if (daily > HIGH_VOLUME_PER_DAY) {
            return new TierChoice(ModelTier.FINE_TUNED_SMALL, "At " + count(daily) + " requests a day (over "
                    + count(HIGH_VOLUME_PER_DAY) + "), a fine-tuned small model keeps the cost down at a quality the "
                    + name(risk) + " risk allows.", asked);
        }
        return new TierChoice(ModelTier.MID, "Hallucination risk is " + name(risk) + ", the context window is "
                + name(spec.contextWindowNeeds()) + " and volume is at most " + count(HIGH_VOLUME_PER_DAY)
                + " requests a day, so a mid-tier model balances quality and cost.", asked);
    }

    private static List<Guardrail> guardrailsAskedFor(ProductSpec spec) {
        List<Guardrail> guardrails = new ArrayList<>(2);
        if (spec.requiresCitations()) {
            guardrails.add(Guardrail.CITATIONS_REQUIRED);
        }
        if (spec.humanReviewRequired()) {
            guardrails.add(Guardrail.HUMAN_REVIEW);
        }
        return guardrails;
    }

    private static String name(Enum<?> value) {
        return value == null ? "unspecified" : value.name().toLowerCase(Locale.ROOT);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
