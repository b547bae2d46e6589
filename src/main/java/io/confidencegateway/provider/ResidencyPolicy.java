package io.confidencegateway.provider;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a product's data may go: a product whose spec names a {@code data_residency} may be served only by
 * providers declared in that region ({@code gateway.providers.<name>.region}) or by providers inside the gateway,
 * which are local to every region. A product without a residency may use any provider; a provider without a
 * region serves only those. Regions compare case-insensitively. The router asks this at every step of a fallback
 * chain; product specs are checked against it before they are stored.
 */
public final class ResidencyPolicy {

    private ResidencyPolicy() {
    }

    /**
     * Where one provider of a route runs.
     *
     * @param provider the provider's configured name
     * @param region its declared region in upper case, or null when it declares none
     * @param local whether it runs inside the gateway (local to every region)
     */
    public record Placement(String provider, String region, boolean local) {

        public Placement {
            region = normalise(region);
        }

        /** The region as listed: {@code US}, {@code local} for an in-process provider, {@code no region}. */
        public String shown() {
            return local ? "local" : region == null ? "no region" : region;
        }
    }

    /** A region or residency as compared and shown: trimmed, upper case; null when absent or blank. */
    public static String normalise(String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        return region.strip().toUpperCase(Locale.ROOT);
    }

    /** Whether a provider may serve a request whose data must stay in {@code residency} (null: no residency). */
    public static boolean allows(String residency, Placement placement) {
        String wanted = normalise(residency);
        if (wanted == null || placement.local()) {
            return true;
        }
        return wanted.equals(placement.region());
    }

    /**
     * Why a model route cannot serve a product of that residency (none of its providers may), naming each provider
     * and its region and what to do; empty when some provider may, when there is no residency, or when the route has
     * no provider at all (an unknown model, refused for that reason elsewhere).
     */
    public static Optional<String> unservable(String residency, String alias, List<Placement> route) {
        String wanted = normalise(residency);
        if (wanted == null || route.isEmpty() || route.stream().anyMatch(placement -> allows(wanted, placement))) {
            return Optional.empty();
        }
        String providers = route.stream().map(p -> p.provider() + " (" + p.shown() + ")")
                .collect(Collectors.joining(", "));
        return Optional.of("data_residency " + wanted + ": model route '" + alias + "' has "
                + (route.size() == 1 ? "provider " : "providers ") + providers + "; add " + article(wanted) + " "
                + wanted + " provider or choose another route (a provider's region is gateway.providers.<name>.region)");
    }

    /** "an EU", "a US": a short code is read letter by letter, a longer name as a word. */
    static String article(String region) {
        char first = region.charAt(0);
        String vowelSounds = region.length() <= 3 ? "AEFHILMNORSX" : "AEIO";
        return vowelSounds.indexOf(first) >= 0 ? "an" : "a";
    }

    /**
     * Why a service the gateway calls outside the provider router (e.g. the entailment classifier, {@code service}
     * "entailment service") may not receive a product's data: it declares another region than the product's
     * residency, or none. Empty when the product has no residency or the service is in its region.
     */
    public static Optional<String> barred(String service, String residency, String region) {
        Placement placement = new Placement(service, region, false);
        if (allows(residency, placement)) {
            return Optional.empty();
        }
        return Optional.of("the " + service + " is in " + (placement.region() == null ? "no declared region"
                : placement.region()) + ", outside the product's data_residency " + normalise(residency));
    }

    /** Why a provider may not serve that residency, for the router's record of the skipped step. */
    public static String outside(String residency, Placement placement) {
        return "it is " + (placement.region() == null ? "in no declared region" : "in region " + placement.region())
                + ", outside the product's data_residency " + normalise(residency);
    }
}
