package io.confidencegateway.product;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The shipped demo. */
@ConfigMapping(prefix = "gateway.demo")
public interface DemoConfig {

    /** Give the demo product {@code support-copilot} its demo knowledge base on first start. */
    @WithDefault("true")
    boolean seedKnowledge();
}
