package io.confidencegateway.knowledge;

import java.io.IOException;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.confidencegateway.store.Database;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Keeps the search index in step with the database, which is the source of truth. At start-up, in the background
 * so that the application is ready at once: when the index is missing, holds a different number of passages than
 * the database, or cannot catch up from the change feed ({@link IndexSyncJob#rebuildWanted()}: it records no change
 * watermark, or the rows after it were purged), it is rebuilt from the stored passages and their stored embeddings
 * (no re-embedding), and the embedding model is warmed up; then the documents a stop left {@code indexing} are
 * queued to finish indexing. A rebuilt index records the sync cursor's watermark, read before the passages: every
 * change up to it was committed before they were read.
 */
@ApplicationScoped
public class IndexRebuildJob {

    private static final Logger LOG = Logger.getLogger(IndexRebuildJob.class);

    private final Database database;
    private final DocumentRepository repository;
    private final PassageIndex index;
    private final PassageEmbedder embedder;
    private final DocumentIndexer indexer;
    private final IndexSyncJob sync;
    private final KnowledgeConfig config;
    private final Executor workers = Infrastructure.getDefaultWorkerPool();

    IndexRebuildJob(Database database, DocumentRepository repository, PassageIndex index, PassageEmbedder embedder,
            DocumentIndexer indexer, IndexSyncJob sync, KnowledgeConfig config) {
        this.database = database;
        this.repository = repository;
        this.index = index;
        this.embedder = embedder;
        this.indexer = indexer;
        this.sync = sync;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        workers.execute(() -> {
            try {
                rebuildIfStale();
            } catch (RuntimeException failure) {
                LOG.error("Checking the search index failed; retrieval may miss passages until the next start",
                        failure);
            }
            try {
                indexer.resumeAll();
            } catch (RuntimeException failure) {
                LOG.error("Resuming unfinished indexing failed; those documents stay indexing until the next start",
                        failure);
            }
            if (config.warmUp()) {
                try {
                    embedder.warmUp();
                } catch (RuntimeException | LinkageError failure) {
                    LOG.error("Loading the embedding model failed", failure);
                }
            }
        });
    }

    /**
     * Rebuilds the index when its passage count differs from the ready documents' in the database, or when the
     * change feed cannot bring it up to date; blocking. No document joins the index meanwhile.
     */
    public boolean rebuildIfStale() {
        return indexer.exclusive(this::rebuildNow);
    }

    private boolean rebuildNow() {
        try {
            boolean behindTheFeed = sync.rebuildWanted();
            long watermark = sync.watermark();
            long stored = database.inTransaction(repository::countPassages);
            long indexed = index.size();
            if (stored == indexed && !behindTheFeed) {
                LOG.debugf("Search index up to date (%d passages)", indexed);
                return false;
            }
            long started = System.nanoTime();
            long[] added = {0};
            index.replaceAll(watermark, sink -> database.inTransaction(connection -> {
                repository.forEachPassage(connection, passage -> {
                    sink.accept(passage);
                    added[0]++;
                });
                return null;
            }));
            sync.rebuilt(watermark);
            LOG.infof("Rebuilt the search index from the database: %d passages (it held %d) in %d ms", added[0],
                    indexed, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException("rebuilding the search index failed", failure);
        }
    }
}
