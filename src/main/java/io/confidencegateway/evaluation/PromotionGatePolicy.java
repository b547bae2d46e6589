package io.confidencegateway.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.confidencegateway.product.PromptGate;

/**
 * The gate on moving production: the candidate's evaluation must not be worse than production's by more than the
 * points the product's {@code prompt_gate} allows (by default citation hit rate and unsupported-claim share within
 * 2 points, hand-off rate not higher by more than 5). Pure.
 */
final class PromotionGatePolicy {

    // Rates are compared in points; a hair of floating-point noise must not fail an equal run.
    private static final double EPSILON = 1e-9;

    private PromotionGatePolicy() {
    }

    /**
     * The failing criteria in words; empty when the candidate may go to production. {@code set} is the gate as the
     * product spec states it (null, or with values left out, for the defaults); the words say which allowance held.
     */
    static List<String> failures(int candidate, Evaluation.Summary next, int production, Evaluation.Summary now,
            PromptGate set) {
        PromptGate stated = set == null ? new PromptGate(null, null, null) : set;
        PromptGate gate = stated.withDefaults();
        var failing = new ArrayList<String>();
        double citationDrop = points(now.citationHitRate() - next.citationHitRate());
        if (citationDrop > gate.citationHitRateDropPoints() + EPSILON) {
            failing.add(String.format(Locale.ROOT, "citation hit rate: version %d cites the required sources in "
                    + "%.1f%% of the golden questions, %.1f points below version %d's %.1f%% %s",
                    candidate, 100 * next.citationHitRate(), citationDrop, production, 100 * now.citationHitRate(),
                    allowed(gate.citationHitRateDropPoints(), stated.citationHitRateDropPoints() != null,
                            "citation_hit_rate_drop_points")));
        }
        double unsupportedRise = points(next.unsupportedClaimShare() - now.unsupportedClaimShare());
        if (unsupportedRise > gate.unsupportedShareRisePoints() + EPSILON) {
            failing.add(String.format(Locale.ROOT, "unsupported-claim share: %.1f%% of version %d's answers make a "
                    + "claim the passages do not support, %.1f points above version %d's %.1f%% %s",
                    100 * next.unsupportedClaimShare(), candidate, unsupportedRise, production,
                    100 * now.unsupportedClaimShare(), allowed(gate.unsupportedShareRisePoints(),
                            stated.unsupportedShareRisePoints() != null, "unsupported_share_rise_points")));
        }
        double handoffRise = points(next.handoffRate() - now.handoffRate());
        if (handoffRise > gate.handoffRateRisePoints() + EPSILON) {
            failing.add(String.format(Locale.ROOT, "hand-off rate: version %d hands off %.1f%% of the golden "
                    + "questions, %.1f points above version %d's %.1f%% %s", candidate,
                    100 * next.handoffRate(), handoffRise, production, 100 * now.handoffRate(),
                    allowed(gate.handoffRateRisePoints(), stated.handoffRateRisePoints() != null,
                            "handoff_rate_rise_points")));
        }
        return failing;
    }

    /** Where the allowance came from, so a team knows which field of the product spec to look at or set. */
    private static String allowed(double points, boolean setByProduct, String field) {
        String amount = BigDecimal.valueOf(points).stripTrailingZeros().toPlainString();
        return setByProduct ? "(allowed by the product's prompt_gate." + field + ": " + amount + ")"
                : "(allowed: " + amount + ", the default; prompt_gate." + field + " in the product spec changes it)";
    }

    private static double points(double share) {
        return 100 * share;
    }
}
