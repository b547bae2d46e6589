package io.confidencegateway.product;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A product as served: its id next to the spec's fields ({@code {"id": "support-copilot", "name": ...}}), so a
 * response can be edited and sent back as a {@code PUT} body.
 */
@JsonPropertyOrder({"id"})
public record ProductEntry(String id, @JsonUnwrapped ProductSpec spec) {
}
