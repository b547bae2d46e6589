package io.confidencegateway.knowledge;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.confidencegateway.store.Database;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Makes stored documents searchable, in the background: reads a document's passages that have no embedding yet a
 * page at a time, embeds them (spread over the indexing threads), stores the embeddings, and when all are stored
 * adds the passages to the search index in one commit and marks the document {@code ready}. Until then answers do
 * not cite it. The database is the source of truth: the embeddings stored so far survive a restart, and
 * {@link #resumeAll()} carries on with every document left {@code indexing}. The replica indexing a document holds a
 * lease on it ({@code gateway.knowledge.indexing-lease}), renewed by {@link #keepLeases()} and at every page; any
 * replica takes over a document whose lease ran out (its replica died mid-index), and a stopping replica gives its
 * leases up so another carries on at once. A document deleted meanwhile is
 * noticed when its embeddings find no rows, or when it cannot be marked ready, and its passages are taken out of
 * the index again. A failure marks the document {@code failed} with the reason in words.
 *
 * <p>Documents are indexed one after the other on a Vert.x worker executor of one thread ({@link IndexingThreads});
 * with
 * {@code gateway.knowledge.indexing-threads} above 1 the embedding of a page is spread over the calling thread and
 * a second executor. Each embedding takes a permit only when no answer is waiting for one (see
 * {@link EmbeddingPermits}).
 */
@ApplicationScoped
public class DocumentIndexer {

    /** Passages read, embedded and stored per step: the granularity of progress and of a resume. */
    static final int PAGE = 64;

    private static final Logger LOG = Logger.getLogger(DocumentIndexer.class);

    /** What the indexing was doing, in the words a failed document's error gives. */
    private enum Step {
        READING("Reading its passages from the database failed"),
        EMBEDDING("Computing the embeddings of its passages failed"),
        STORING("Storing the embeddings of its passages failed"),
        PUBLISHING("Writing its passages to the search index failed");

        private final String words;

        Step(String words) {
            this.words = words;
        }
    }

    private final Database database;
    private final DocumentRepository repository;
    private final DocumentChangeRepository changes;
    private final PassageIndex index;
    private final PassageEmbedder embedder;
    private final Executor documents;
    private final Executor embedding;
    private final int threads;
    private final Duration lease;
    /** Held while a document joins the index and while the index is rebuilt, so neither undoes the other. */
    private final ReentrantLock publishing = new ReentrantLock();
    /** Documents waiting or being indexed, each with what completes when its indexing ends. */
    private final Map<UUID, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    DocumentIndexer(Database database, DocumentRepository repository, DocumentChangeRepository changes,
            PassageIndex index, PassageEmbedder embedder, IndexingThreads threads, KnowledgeConfig config) {
        this.database = database;
        this.repository = repository;
        this.changes = changes;
        this.index = index;
        this.embedder = embedder;
        this.documents = threads.documents();
        this.embedding = threads.embedding();
        this.threads = threads.count();
        this.lease = config.indexingLease();
    }

    /** Queues the document for indexing (once, however often it is submitted while it waits). */
    void submit(UUID documentId) {
        var done = new CompletableFuture<Void>();
        if (stopping || queued.putIfAbsent(documentId, done) != null) {
            return;
        }
        documents.execute(() -> {
            try {
                index(documentId);
            } finally {
                queued.remove(documentId);
                done.complete(null);
            }
        });
    }

    /**
     * Indexes the document on the calling worker thread, unless it is already queued or being indexed (the start-up
     * resume may have picked up a document committed a moment earlier): then waits for that run instead, so one
     * document is never indexed by two threads at once (the second saw its rows gone and called it deleted).
     */
    void indexNow(UUID documentId) {
        var done = new CompletableFuture<Void>();
        CompletableFuture<Void> running = queued.putIfAbsent(documentId, done);
        if (running != null) {
            try {
                running.get(10, TimeUnit.MINUTES);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException notDone) {
                LOG.warnf(notDone, "Waiting for the indexing of document %s failed", documentId);
            }
            return;
        }
        try {
            index(documentId);
        } finally {
            queued.remove(documentId);
            done.complete(null);
        }
    }

    /** Whether the document waits for indexing or is being indexed. */
    boolean isQueued(UUID documentId) {
        return queued.containsKey(documentId);
    }

    /**
     * Queues every document left {@code indexing} that no other live replica holds (its lease ran out, or it never
     * had one), oldest first; the number queued.
     */
    int resumeAll() {
        List<UUID> pending = database.inTransaction(
                c -> repository.indexingUnleased(c, Instant.now(), DocumentChangeRepository.ORIGIN));
        pending.removeIf(this::isQueued);
        if (!pending.isEmpty()) {
            LOG.infof("Resuming the indexing of %d document(s) left unfinished", pending.size());
        }
        pending.forEach(this::submit);
        return pending.size();
    }

    /**
     * One lease round, blocking: renews the leases of the documents this replica indexes or has queued, then queues
     * every document left {@code indexing} whose lease ran out (its replica died mid-index); the number queued.
     */
    int keepLeases() {
        if (stopping) {
            return 0;
        }
        Instant now = Instant.now();
        List<UUID> orphaned = database.inTransaction(c -> {
            repository.renewIndexingLeases(c, DocumentChangeRepository.ORIGIN, now.plus(lease));
            // Not this replica's own: those are queued here already (an upload leases its document as it stores it).
            return repository.indexingUnleased(c, now, null);
        });
        orphaned.removeIf(this::isQueued);
        for (UUID documentId : orphaned) {
            LOG.infof("Taking over the indexing of document %s: no replica holds its lease", documentId);
            submit(documentId);
        }
        return orphaned.size();
    }

    /** Takes or renews this replica's lease on the document; false when another replica holds it. */
    private boolean lease(UUID documentId) {
        Instant now = Instant.now();
        return database.inTransaction(c -> repository.leaseIndexing(c, documentId, DocumentChangeRepository.ORIGIN,
                now, now.plus(lease)));
    }

    /** Why a lease could not be had: {@code indexing} (another replica holds it), the status reached, or null. */
    private DocumentStatus notLeased(UUID documentId) {
        Optional<DocumentStatus> status = database.inTransaction(c -> repository.status(c, documentId));
        if (status.isEmpty()) {
            LOG.infof("Document %s was deleted while it was being indexed", documentId);
            return null;
        }
        if (status.get() == DocumentStatus.INDEXING) {
            LOG.infof("Document %s is being indexed by another replica, which holds its lease", documentId);
        }
        return status.get();
    }

    /** Runs the work while no document is joining the index (rebuilding it from the database, say). */
    <T> T exclusive(Supplier<T> work) {
        publishing.lock();
        try {
            return work.get();
        } finally {
            publishing.unlock();
        }
    }

    /**
     * Indexes the document on the calling worker thread; its status afterwards ({@code indexing} when shutdown
     * interrupted it, null when it was deleted meanwhile).
     */
    DocumentStatus index(UUID documentId) {
        long started = System.nanoTime();
        Step step = Step.READING;
        int embedded = 0;
        long[] stepNanos = new long[Step.values().length];
        try {
            int after = -1;
            while (true) {
                if (stopping) {
                    LOG.infof("Indexing of document %s stopped for shutdown; another replica or the next start "
                            + "carries on", documentId);
                    return DocumentStatus.INDEXING;
                }
                step = Step.READING;
                // At every page: another replica may have taken over after this one stalled past its lease.
                if (!lease(documentId)) {
                    return notLeased(documentId);
                }
                long at = System.nanoTime();
                int from = after;
                List<DocumentRepository.Pending> page = database.inTransaction(
                        c -> repository.pending(c, documentId, from, PAGE));
                if (page.isEmpty()) {
                    break;
                }
                step = Step.EMBEDDING;
                at = lap(stepNanos, Step.READING, at);
                List<float[]> vectors = embed(page.stream().map(DocumentRepository.Pending::text).toList());
                step = Step.STORING;
                at = lap(stepNanos, Step.EMBEDDING, at);
                int stored = database.inTransaction(c -> repository.storeEmbeddings(c, documentId, page, vectors));
                lap(stepNanos, Step.STORING, at);
                if (stored == 0) {
                    LOG.infof("Document %s was deleted while it was being indexed", documentId);
                    return null;
                }
                embedded += page.size();
                after = page.get(page.size() - 1).ordinal();
            }
            step = Step.PUBLISHING;
            long at = System.nanoTime();
            if (!publish(documentId)) {
                LOG.infof("Document %s was deleted while it was being indexed", documentId);
                return null;
            }
            lap(stepNanos, Step.PUBLISHING, at);
            LOG.infof("Indexed document %s: %d passages embedded in %d ms (reading %d, embedding %d, storing %d, "
                    + "search index %d)", documentId, embedded, (System.nanoTime() - started) / 1_000_000,
                    millis(stepNanos, Step.READING), millis(stepNanos, Step.EMBEDDING),
                    millis(stepNanos, Step.STORING), millis(stepNanos, Step.PUBLISHING));
            return DocumentStatus.READY;
        } catch (RuntimeException | IOException | LinkageError failure) {
            if (stopping) {
                LOG.infof("Indexing of document %s stopped for shutdown (%s); it resumes at the next start",
                        documentId, failure.toString());
                return DocumentStatus.INDEXING;
            }
            LOG.errorf(failure, "Indexing document %s failed after %d passages were embedded", documentId, embedded);
            fail(documentId, step.words + "; nothing of the document is searchable. Upload the same file again to "
                    + "retry: that replaces this failed document");
            return DocumentStatus.FAILED;
        }
    }

    /** Adds the document's passages to the index and marks it ready; false when it was deleted meanwhile. */
    private boolean publish(UUID documentId) throws IOException {
        publishing.lock();
        try {
            index.addAll(sink -> database.inTransaction(c -> {
                repository.forEachPassageOf(c, documentId, sink);
                return null;
            }));
            // Ready and announced to the other replicas in one commit: they add it from the stored rows.
            if (database.inTransaction(c -> {
                boolean ready = repository.markReady(c, documentId);
                if (ready) {
                    changes.record(c, documentId, DocumentChangeRepository.READY);
                }
                return ready;
            })) {
                return true;
            }
            // A delete removed it from the index before we added it; take its passages out again.
            index.deleteDocument(documentId);
            return false;
        } finally {
            publishing.unlock();
        }
    }

    /** The page's embeddings in order: its slices on the indexing threads, the first on this one. */
    private List<float[]> embed(List<String> texts) {
        int slices = Math.min(threads, texts.size());
        if (slices <= 1) {
            return embedder.embedAll(texts);
        }
        int size = (texts.size() + slices - 1) / slices;
        List<CompletableFuture<List<float[]>>> others = new ArrayList<>();
        for (int from = size; from < texts.size(); from += size) {
            List<String> slice = texts.subList(from, Math.min(texts.size(), from + size));
            others.add(CompletableFuture.supplyAsync(() -> embedder.embedAll(slice), embedding));
        }
        List<float[]> vectors = new ArrayList<>(embedder.embedAll(texts.subList(0, size)));
        for (CompletableFuture<List<float[]>> other : others) {
            vectors.addAll(other.join());
        }
        return vectors;
    }

    /** Adds the time since {@code at} to the step; the time now. */
    private static long lap(long[] stepNanos, Step step, long at) {
        long now = System.nanoTime();
        stepNanos[step.ordinal()] += now - at;
        return now;
    }

    private static long millis(long[] stepNanos, Step step) {
        return stepNanos[step.ordinal()] / 1_000_000;
    }

    private void fail(UUID documentId, String error) {
        try {
            database.inTransaction(c -> {
                repository.markFailed(c, documentId, error);
                return null;
            });
            index.deleteDocument(documentId);
        } catch (RuntimeException | IOException again) {
            // It stays "indexing" and the next start tries again.
            LOG.errorf(again, "Marking document %s failed did not work either", documentId);
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
        try {
            int released = database.inTransaction(c -> repository.releaseIndexingLeases(c,
                    DocumentChangeRepository.ORIGIN));
            if (released > 0) {
                LOG.infof("Gave up the indexing lease of %d document(s) for another replica to carry on", released);
            }
        } catch (RuntimeException failure) {
            // The leases then run out by themselves (gateway.knowledge.indexing-lease).
            LOG.warn("Giving up the indexing leases at shutdown failed", failure);
        }
    }

    @PreDestroy
    void close() {
        stopping = true;
    }
}
