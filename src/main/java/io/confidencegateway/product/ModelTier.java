package io.confidencegateway.product;

import com.fasterxml.jackson.annotation.JsonValue;

/** A class of model a product is routed to; each maps to a model alias through {@code gateway.tiers.*}. */
public enum ModelTier {
    /** The most capable models, for products where a wrong answer is costly. */
    FRONTIER("frontier"),
    /** Models with a context window over 32K tokens. */
    LONG_CONTEXT("long-context"),
    /** A small model fine-tuned for the task, for high volume at low cost. */
    FINE_TUNED_SMALL("fine-tuned-small"),
    /** A capable, moderately priced general model. */
    MID("mid");

    private final String wireName;

    ModelTier(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in configuration keys, e.g. {@code long-context}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
