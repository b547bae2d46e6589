package io.confidencegateway.prompt;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Prompt versions and labels. */
@ConfigMapping(prefix = "gateway.prompts")
public interface PromptsConfig {

    /**
     * How long a replica serves a product's labels from memory before reading them again: a label moved on another
     * replica takes effect here within this time (and at once on the replica that moved it). Keep it under 2 s.
     */
    @WithDefault("1s")
    Duration labelCacheTtl();
}
