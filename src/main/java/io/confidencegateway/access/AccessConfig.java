package io.confidencegateway.access;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** API keys and their bootstrap ({@code gateway.access.*}). */
@ConfigMapping(prefix = "gateway.access")
public interface AccessConfig {

    /**
     * A bootstrap admin key ({@code GATEWAY_ADMIN_KEY}), at least 32 characters: stored (as its hash) as an admin
     * key named {@code bootstrap} on start, replacing the previous bootstrap key when it changes. When unset and no
     * key exists, the first start generates an admin key, logs it once and writes it to
     * {@code <gateway.data-dir>/admin-key} (owner-only).
     */
    Optional<String> adminKey();

    /**
     * How often each replica reloads the key table from the database: the longest a key revoked on another replica
     * keeps working here.
     */
    @WithDefault("2s")
    Duration refresh();

    /**
     * Output tokens a model call that sets no {@code max_tokens} is assumed to produce at most, for the budget
     * reservation before the call (what it really produced is settled after it).
     */
    @WithDefault("4096")
    int defaultMaxTokens();

    /**
     * How long a request in flight holds one of its key's {@code max_parallel} slots at most: the slot is given back
     * when the request ends, or after this when the replica serving it died first. Longer than the longest request.
     */
    @WithDefault("10m")
    java.time.Duration parallelLease();
}
