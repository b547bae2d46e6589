package io.confidencegateway.provider;

import java.time.Instant;

/**
 * What the gateway last saw of a provider: {@code unknown} (no call yet), {@code ok}, or {@code failing} with the
 * kind and message of the last failure.
 */
public record ProviderState(String status, Instant since, String lastFailureKind, String lastFailureMessage) {

    public static final ProviderState UNKNOWN = new ProviderState("unknown", null, null, null);

    public static ProviderState ok() {
        return new ProviderState("ok", Instant.now(), null, null);
    }

    public static ProviderState failing(ProviderFailure failure) {
        return new ProviderState("failing", Instant.now(), failure.kind(), failure.message());
    }
}
