package io.confidencegateway.knowledge;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and tuning of the products' knowledge bases. */
@ConfigMapping(prefix = "gateway.knowledge")
public interface KnowledgeConfig {

    /**
     * Largest document accepted by {@code POST /v1/products/{id}/documents}; a larger one gets 413. It cannot exceed
     * {@code quarkus.http.limits.max-body-size}, which rejects the whole request first.
     */
    @WithDefault("10M")
    MemorySize maxDocumentSize();

    /** Target length of a passage in characters; passages are cut at paragraph and sentence boundaries. */
    @WithDefault("700")
    int passageChars();

    /** How many passages each of keyword (BM25) and vector search contributes before the two are fused. */
    @WithDefault("20")
    int candidates();

    /**
     * How many passages of an upload are embedded at once in the background, each on its own thread. One by
     * default: on the shared two-core machine a second thread added a fifth to the CPU of indexing a 2 MB upload
     * (61.6 s against 49.8 s) and finished later (94 s against 78 s), and one thread leaves the other cores to the
     * answers. Raise it on a host with idle cores. Indexing only takes embedding permits that no product answer is
     * waiting for, so it never holds a question back for more than the passage in flight.
     */
    @WithDefault("1")
    int indexingThreads();

    /**
     * Load the embedding model on a background thread right after start-up, so that the first upload or question
     * does not wait for it (about a second); {@code false} loads it on first use.
     */
    @WithDefault("true")
    boolean warmUp();

    /**
     * How often each replica reads the documents that other replicas sharing its database made ready or deleted,
     * and adds their stored passages to (or drops them from) its own search index. Uploads and deletes through one
     * replica are then cited, or no longer cited, by the others within about this interval plus the indexing time.
     */
    @WithDefault("2s")
    java.time.Duration syncInterval();

    /**
     * How long a replica's claim on a document it is indexing holds without being renewed. The replica renews it
     * every {@code sync-interval} and at every page of 64 passages; once it has run out (the replica died mid-index)
     * any replica takes the document over, keeping the embeddings already stored. Keep it well above
     * {@code sync-interval}.
     */
    @WithDefault("30s")
    java.time.Duration indexingLease();
}
