package io.confidencegateway.product;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.confidencegateway.provider.ResidencyPolicy;
import io.confidencegateway.provider.ResidencyPolicy.Placement;

/**
 * Whether a prompt label may point at a version whose own model answers instead of the product's: not when none of
 * that model route's providers may serve the product's {@code data_residency}, for then every answer of the label
 * would be handed off (the router skips providers outside the region) while the edit that caused it returned 2xx.
 * The words name the label, the version, each provider with its region, and what to do.
 */
public final class LabelResidencyPolicy {

    private LabelResidencyPolicy() {
    }

    /**
     * Why a spec {@code PUT} with this residency is refused while the label points at that version; empty when the
     * route may serve it, when there is no residency, or when the route has no provider (an unknown model).
     */
    public static Optional<String> residencyRefused(String product, PromptModels.LabelledModel labelled,
            String residency, List<Placement> route) {
        return outside(residency, route).map(region -> "label '" + labelled.label() + "' points at prompt version "
                + labelled.version() + ", whose model '" + labelled.model() + "' answers instead of the product's and "
                + "has " + providers(route) + ", none in " + region + "; move label '" + labelled.label() + "' to a "
                + "version whose model serves " + region + " or that names no model (PUT /v1/products/" + product
                + "/prompt-labels/" + labelled.label() + "), then set data_residency again");
    }

    /**
     * Why moving the label to that version is refused under the product's residency; empty as for
     * {@link #residencyRefused}.
     */
    public static Optional<String> moveRefused(String product, PromptModels.LabelledModel labelled, String residency,
            List<Placement> route) {
        return outside(residency, route).map(region -> "prompt version " + labelled.version() + " asks model '"
                + labelled.model() + "', which has " + providers(route) + ", none in the data_residency " + region
                + " of product '" + product + "', so every answer of label '" + labelled.label() + "' would be handed"
                + " off; point it at a version whose model serves " + region + " or that names no model (create one"
                + " with POST /v1/products/" + product + "/prompts)");
    }

    /** The residency as shown, when the route has providers and none of them may serve it. */
    private static Optional<String> outside(String residency, List<Placement> route) {
        String wanted = ResidencyPolicy.normalise(residency);
        if (wanted == null || route.isEmpty() || route.stream().anyMatch(p -> ResidencyPolicy.allows(wanted, p))) {
            return Optional.empty();
        }
        return Optional.of(wanted);
    }

    private static String providers(List<Placement> route) {
        return (route.size() == 1 ? "provider " : "providers ") + route.stream()
                .map(p -> p.provider() + " (" + p.shown() + ")").collect(Collectors.joining(", "));
    }
}
