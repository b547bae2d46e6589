package io.confidencegateway.knowledge;

/** Tells the knowledge base which products exist, so that documents are only kept for real products. */
public interface KnownProducts {

    /** Whether a product with this id exists. May do blocking I/O: call it from a worker thread. */
    boolean exists(String productId);
}
