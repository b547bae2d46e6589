package io.confidencegateway.product;

/**
 * The outcome of a committed {@code put}.
 *
 * @param product the product as stored
 * @param created true when the id was new, false when an existing product was replaced
 */
public record PutResult(ProductEntry product, boolean created) {
}
