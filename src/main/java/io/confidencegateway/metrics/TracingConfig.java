package io.confidencegateway.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the gateway's own spans may carry. Where spans go (and whether they are exported at all) is Quarkus's
 * standard {@code quarkus.otel.*} configuration; see README, "Tracing".
 */
@ConfigMapping(prefix = "gateway.tracing")
public interface TracingConfig {

    /**
     * Whether model-call spans carry the messages sent and the text received ({@code gen_ai.input.messages},
     * {@code gen_ai.output.messages}). Off by default: questions and answers may hold personal data, and a trace
     * backend is rarely held to the same rules as the gateway's own store.
     */
    @WithDefault("false")
    boolean captureContent();
}
