package io.confidencegateway.product;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The model alias each recommended tier routes to ({@code gateway.tiers.<tier>}); the aliases are keys of
 * {@code gateway.models}. A product's explicit {@code model} overrides its tier.
 */
@ConfigMapping(prefix = "gateway.tiers")
public interface TiersConfig {

    /** Alias for the frontier tier: products with high or critical hallucination risk. */
    @WithDefault("gpt-4o")
    String frontier();

    /** Alias for the long-context tier: products that need over 32K tokens of context. */
    @WithDefault("claude-sonnet")
    String longContext();

    /** Alias for the fine-tuned-small tier: products with over 10,000 requests a day. */
    @WithDefault("gpt-4o-mini")
    String fineTunedSmall();

    /** Alias for the mid tier: everything else. */
    @WithDefault("gpt-4o-mini")
    String mid();
}
