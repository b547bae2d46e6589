package io.confidencegateway.product;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.knowledge.KnownProducts;

/** Tells the knowledge base which products exist, so documents of an unknown product get a 404. */
@ApplicationScoped
public class ProductKnownProducts implements KnownProducts {

    private final ProductService products;

    public ProductKnownProducts(ProductService products) {
        this.products = products;
    }

    @Override
    public boolean exists(String productId) {
        return products.find(productId).isPresent();
    }
}
