package io.confidencegateway.product;

import com.fasterxml.jackson.annotation.JsonValue;

/** A defence the gateway applies around a product's answers. */
public enum Guardrail {
    /** Answers must cite the knowledge-base passages they rest on. */
    CITATIONS_REQUIRED("citations_required"),
    /** An agent checks each draft before it reaches a customer. */
    HUMAN_REVIEW("human_review"),
    /** Low-confidence answers get a disclaimer, review or a hand-off instead of delivery as is. */
    CONFIDENCE_GATING("confidence_gating");

    private final String wireName;

    Guardrail(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, e.g. {@code human_review}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
