package io.confidencegateway.knowledge;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** Finds the passages of a product's knowledge base that best answer a question. */
public interface Retriever {

    /**
     * The top {@code k} passages for the query, best first; empty when the product has no documents. Runs its
     * CPU and I/O work (embedding, index search) off the event loop.
     */
    Uni<List<RetrievedPassage>> retrieve(String productId, String query, int k);
}
