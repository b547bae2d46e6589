package io.confidencegateway.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gate on moving production: the candidate's evaluation must not be worse than production's by more than the
 * allowed points: citation hit rate and unsupported-claim share within 2 points, hand-off rate not higher by more
 * than 5. Pure.
 */
final class PromotionGatePolicy {

    static final double CITATION_POINTS = 2;
    static final double UNSUPPORTED_POINTS = 2;
    static final double HANDOFF_POINTS = 5;
    // Rates are compared in points; a hair of floating-point noise must not fail an equal run.
    private static final double EPSILON = 1e-9;

    private PromotionGatePolicy() {
    }

    /** The failing criteria in words; empty when the candidate may go to production. */
    static List<String> failures(int candidate, Evaluation.Summary next, int production, Evaluation.Summary now) {
        var failing = new ArrayList<String>();
        double citationDrop = points(now.citationHitRate() - next.citationHitRate());
        if (citationDrop > CITATION_POINTS + EPSILON) {
            failing.add(String.format(Locale.ROOT, "citation hit rate: version %d cites the required sources in "
                    + "%.1f%% of the golden questions, %.1f points below version %d's %.1f%% (allowed: %.0f)",
                    candidate, 100 * next.citationHitRate(), citationDrop, production, 100 * now.citationHitRate(),
                    CITATION_POINTS));
        }
        double unsupportedRise = points(next.unsupportedClaimShare() - now.unsupportedClaimShare());
        if (unsupportedRise > UNSUPPORTED_POINTS + EPSILON) {
            failing.add(String.format(Locale.ROOT, "unsupported-claim share: %.1f%% of version %d's answers make a "
                    + "claim the passages do not support, %.1f points above version %d's %.1f%% (allowed: %.0f)",
                    100 * next.unsupportedClaimShare(), candidate, unsupportedRise, production,
                    100 * now.unsupportedClaimShare(), UNSUPPORTED_POINTS));
        }
        double handoffRise = points(next.handoffRate() - now.handoffRate());
        if (handoffRise > HANDOFF_POINTS + EPSILON) {
            failing.add(String.format(Locale.ROOT, "hand-off rate: version %d hands off %.1f%% of the golden "
                    + "questions, %.1f points above version %d's %.1f%% (allowed: %.0f)", candidate,
                    100 * next.handoffRate(), handoffRise, production, 100 * now.handoffRate(), HANDOFF_POINTS));
        }
        return failing;
    }

    private static double points(double share) {
        return 100 * share;
    }
}
