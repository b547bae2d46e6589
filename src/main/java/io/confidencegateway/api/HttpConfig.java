package io.confidencegateway.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the public HTTP APIs. */
@ConfigMapping(prefix = "gateway.http")
public interface HttpConfig {

    /** Largest request body accepted; a larger one gets 413 with an explanation. */
    @WithDefault("4M")
    MemorySize maxBodySize();

    /**
     * Longest request URI (path and query) accepted; a longer one gets 414 with an explanation. Must stay below
     * {@code quarkus.http.limits.max-initial-line-length}, above which the HTTP codec answers a bare 414.
     */
    @WithDefault("8192")
    int maxUriLength();
}
