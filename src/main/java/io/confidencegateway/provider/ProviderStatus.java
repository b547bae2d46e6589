package io.confidencegateway.provider;

/**
 * How far a provider can be trusted to serve a request right now, from what the gateway already knows (no call is
 * made to find out): {@code ready} (runs inside the gateway, answered its last call, or its server answered the
 * background check), {@code configured} (enabled, e.g. a key is set, but not seen working yet), {@code failing}
 * (its last call failed; it is still tried), {@code checking} (a self-hosted server not checked yet),
 * {@code unreachable} (the background check found nobody there), {@code circuit_open} (skipped after repeated
 * failures) and {@code disabled} (no API key).
 *
 * @param available whether requests can be expected to reach it
 * @param reason why it is not ready, null when it is
 */
public record ProviderStatus(String status, boolean available, String reason) {

    public static final ProviderStatus READY = new ProviderStatus("ready", true, null);

    static ProviderStatus disabled(String reason) {
        return new ProviderStatus("disabled", false, reason);
    }

    /**
     * The status of an enabled remote provider.
     *
     * @param probed whether it is checked in the background (keyless self-hosted servers)
     * @param reachability the last check, null before the first one
     */
    static ProviderStatus of(boolean probed, ProviderRegistry.Reachability reachability, CircuitBreaker.State breaker,
            ProviderState lastCall) {
        if (breaker == CircuitBreaker.State.OPEN) {
            return new ProviderStatus("circuit_open", false, "skipped after repeated failures"
                    + (lastCall.lastFailureKind() == null ? "" : " (last: " + lastCall.lastFailureKind() + ")"));
        }
        if (probed && reachability != null && !reachability.reachable()) {
            return new ProviderStatus("unreachable", false, reachability.detail());
        }
        if ("failing".equals(lastCall.status())) {
            return new ProviderStatus("failing", true, "the last call failed: " + lastCall.lastFailureKind());
        }
        if ("ok".equals(lastCall.status()) || probed && reachability != null) {
            return READY;
        }
        if (probed) {
            return new ProviderStatus("checking", false, "the background check has not answered yet");
        }
        return new ProviderStatus("configured", true, "enabled; not called yet");
    }
}
