package io.confidencegateway.knowledge;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The search index over every product's passages: keyword and vector search, filtered by product. It is derived
 * from the database and can be rebuilt from it at any time. Its methods block: call them from worker threads.
 */
interface PassageIndex {

    /** A passage found by one of the searches, with its stored embedding. */
    record Hit(String passageId, String documentId, String source, Integer page, int charStart, int charEnd,
            String text, float[] embedding) {
    }

    /** Adds (or replaces, by passage id) the passages; they are searchable when this returns. */
    void add(List<Passage> passages) throws IOException;

    /**
     * Adds (or replaces, by passage id) the passages the source feeds to its consumer, without holding them all in
     * memory: they become searchable together when this returns; when it fails, none of them are.
     */
    void addAll(Consumer<Consumer<Passage>> source) throws IOException;

    /** Removes every passage of the document; gone from searches when this returns. */
    void deleteDocument(UUID documentId) throws IOException;

    /** Best BM25 matches of the query's words among the product's passages, best first. */
    List<Hit> keyword(String productId, String query, int n) throws IOException;

    /** Nearest passages of the product to the vector by cosine similarity, nearest first. */
    List<Hit> nearest(String productId, float[] vector, int n) throws IOException;

    /** How many passages the index holds, over all products. */
    long size() throws IOException;

    /**
     * Replaces the whole index with the passages the source feeds to its consumer, recording in the same commit that
     * it reflects every {@code document_change} row up to {@code changeWatermark}. Other writes wait until it is
     * done; when it fails, the index is as it was.
     */
    void replaceAll(long changeWatermark, Consumer<Consumer<Passage>> source) throws IOException;

    /**
     * The {@code document_change} number up to which this index reflects every change, as last recorded (it
     * survives a restart with the index); empty when none was recorded (a new or unreadable index).
     */
    OptionalLong changeWatermark() throws IOException;

    /** Records, durably, that this index reflects every {@code document_change} row up to this number. */
    void recordChangeWatermark(long changeWatermark) throws IOException;
}
