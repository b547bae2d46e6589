package io.confidencegateway.knowledge;

import java.util.UUID;

/**
 * A stored passage with its embedding: what the database keeps and the index is built from.
 *
 * @param id the passage id
 * @param documentId the document it was cut from
 * @param productId the product whose knowledge base holds it
 * @param source the document's source name
 * @param ordinal its position among the document's passages, from 0
 * @param page its 1-based page, or null for unpaged documents
 * @param charStart start of its span in the document's extracted text
 * @param charEnd end (exclusive) of its span
 * @param text its text (see {@link Chunk#text()} for the heading of continued sections)
 * @param embedding the unit-length embedding of {@code text}
 */
record Passage(UUID id, UUID documentId, String productId, String source, int ordinal, Integer page, int charStart,
        int charEnd, String text, float[] embedding) {
}
