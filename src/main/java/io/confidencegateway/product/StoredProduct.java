package io.confidencegateway.product;

import java.time.Instant;

/**
 * A product row as stored.
 *
 * @param id the product id
 * @param specJson the spec as JSON text
 * @param version 1 when created, one more on each replacement
 * @param createdAt when the product was first stored
 * @param updatedAt when it was last replaced
 */
public record StoredProduct(String id, String specJson, long version, Instant createdAt, Instant updatedAt) {
}
