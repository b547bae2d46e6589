package io.confidencegateway.product;

import java.util.Optional;

/**
 * The verifier tiers a product spec may name, as the product rules see them: implemented by the verifier feature,
 * which sits above products (it checks answers), so products depend on this port and not on it.
 */
public interface VerifierCatalog {

    /** Why a spec cannot use the verifier of this name (unknown, or not configured), or empty when it can. */
    Optional<String> problem(String name);
}
