package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.confidencegateway.store.Database;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Keeps this replica's search index in step with uploads and deletes made through other replicas: every
 * {@code gateway.knowledge.sync-interval} it reads the {@code document_change} rows after its {@link ChangeCursor}
 * and, for each row another replica wrote, adds the document's stored passages with their stored embeddings (no
 * re-embedding, no re-upload) when it is still ready, or drops its passages when it was deleted. Applying a row
 * twice does no harm (passages are replaced by id), which is what makes the cursor's waiting for holes safe.
 * Polling rather than a notification channel: it works the same on H2 and PostgreSQL, and a replica that missed
 * a tick catches up on the next. Each tick also keeps the indexing leases ({@link DocumentIndexer#keepLeases()}):
 * renews this replica's and takes over documents whose replica died mid-index.
 *
 * <p>The index is on disk and outlives the process, so the watermark the cursor has reached is recorded in it after
 * each pass, and a restarted replica resumes from there (a little earlier: rows still committing when they were
 * numbered are read again), applying what the others changed while it was down. When that cannot work (no watermark
 * recorded, or the feed, purged after {@link #RETENTION}, no longer reaches back that far) it asks
 * {@link IndexRebuildJob} to rebuild the index from the stored rows, and records no watermark of its own until that
 * rebuild is done. See {@link CatchUpPolicy}.
 */
@ApplicationScoped
public class IndexSyncJob {

    private static final Logger LOG = Logger.getLogger(IndexSyncJob.class);
    /** Rows read per tick; more wait for the next tick. */
    static final int BATCH = 500;
    /**
     * How long a hole in the numbers is waited for: far longer than the transactions that write the feed (a
     * delete, or marking a document ready), so a slow commit is not skipped, short enough to re-read little.
     */
    static final Duration GAP_WAIT = Duration.ofSeconds(60);
    /** How long rows stay in the feed, and how often the oldest are deleted. */
    static final Duration RETENTION = Duration.ofDays(1);
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Database database;
    private final DocumentRepository documents;
    private final DocumentChangeRepository changes;
    private final PassageIndex index;
    private final DocumentIndexer indexer;
    private final Vertx vertx;
    private final long periodMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ChangeCursor cursor;
    /** The watermark last recorded in the index, or -1 when the index has none. */
    private volatile long recorded = -1;
    /** Set at start when the index cannot catch up from the feed, until {@link #rebuilt(long)}. */
    private volatile boolean rebuildWanted;
    private volatile Instant lastPurge = Instant.EPOCH;
    private volatile long timer = -1;

    IndexSyncJob(Database database, DocumentRepository documents, DocumentChangeRepository changes, PassageIndex index,
            DocumentIndexer indexer, Vertx vertx, KnowledgeConfig config) {
        this.database = database;
        this.documents = documents;
        this.changes = changes;
        this.index = index;
        this.indexer = indexer;
        this.vertx = vertx;
        this.periodMillis = Math.max(100, config.syncInterval().toMillis());
    }

    // Before IndexRebuildJob's observer (default priority) starts its background check: the cursor then starts
    // no later than what the rebuild reads, so nothing committed in between is missed (at worst applied twice).
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent started) {
        resume();
        timer = vertx.setPeriodic(periodMillis, id -> tick());
    }

    /** Places the cursor where the index's recorded watermark says, as at start-up; blocking. */
    synchronized void resume() {
        OptionalLong indexed;
        try {
            indexed = index.changeWatermark();
        } catch (IOException failure) {
            throw new UncheckedIOException("reading the search index's change watermark failed", failure);
        }
        CatchUpPolicy.Feed feed = database.inTransaction(c -> changes.feed(c, Instant.now().minus(GAP_WAIT)));
        CatchUpPolicy.Start start = CatchUpPolicy.atStart(indexed, feed);
        recorded = indexed.orElse(-1);
        rebuildWanted = start.rebuild();
        cursor = new ChangeCursor(start.cursor(), GAP_WAIT);
        if (start.rebuild()) {
            LOG.infof("The search index is rebuilt from the database: %s", start.reason());
        } else {
            LOG.debugf("Applying the other replicas' changes after %d: %s", start.cursor(), start.reason());
        }
    }

    /** True when the index must be rebuilt from the stored rows because the feed cannot bring it up to date. */
    boolean rebuildWanted() {
        return rebuildWanted;
    }

    /** Every change up to this number is handled (0 before start). */
    long watermark() {
        ChangeCursor at = cursor;
        return at == null ? 0 : at.watermark();
    }

    /** The index was rebuilt, recording this watermark in the same commit: passes may record theirs again. */
    void rebuilt(long changeWatermark) {
        recorded = Math.max(recorded, changeWatermark);
        rebuildWanted = false;
    }

    /** One pass at a time: a slow database skips ticks instead of piling passes up. */
    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        // The indexing leases first: a replica that cannot renew them for long lets another take its documents over.
        Uni.createFrom().item(() -> {
            indexer.keepLeases();
            return syncNow();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(applied -> running.set(false), failure -> {
                    running.set(false);
                    LOG.warn("Search index not synchronised with the other replicas' changes; retrying", failure);
                });
    }

    /** Applies the other replicas' changes since the last pass, blocking; how many were applied. */
    synchronized int syncNow() {
        ChangeCursor at = cursor;
        if (at == null) {
            return 0;
        }
        int appliedHere = 0;
        List<DocumentChangeRepository.Change> read = database.inTransaction(
                c -> changes.after(c, at.watermark(), BATCH));
        List<Long> fresh = at.fresh(read.stream().map(DocumentChangeRepository.Change::seq).toList());
        for (DocumentChangeRepository.Change change : read) {
            if (!fresh.contains(change.seq())) {
                continue;
            }
            if (!DocumentChangeRepository.ORIGIN.equals(change.origin())) {
                apply(change);
                appliedHere++;
            }
            at.applied(change.seq());
        }
        at.advance(Instant.now());
        record(at.watermark());
        purgeNow();
        return appliedHere;
    }

    private void apply(DocumentChangeRepository.Change change) {
        indexer.exclusive(() -> {
            try {
                if (DocumentChangeRepository.DELETED.equals(change.change())) {
                    index.deleteDocument(change.documentId());
                    LOG.infof("Document %s was deleted through another replica; its passages left the search index",
                            change.documentId());
                } else if (DocumentChangeRepository.READY.equals(change.change())) {
                    int[] added = {0};
                    index.addAll(sink -> database.inTransaction(c -> {
                        // Deleted since it became ready: its delete row follows and there is nothing to add.
                        if (documents.isReady(c, change.documentId())) {
                            documents.forEachPassageOf(c, change.documentId(), passage -> {
                                sink.accept(passage);
                                added[0]++;
                            });
                        }
                        return null;
                    }));
                    LOG.infof("Document %s became ready through another replica; %d passages joined the search "
                            + "index", change.documentId(), added[0]);
                }
                return null;
            } catch (IOException failure) {
                throw new UncheckedIOException("applying change " + change.seq() + " to the search index failed",
                        failure);
            }
        });
    }

    /**
     * Records the watermark in the index once every change up to it is applied there, unless a rebuild is awaited:
     * until then the index may lack changes from before the cursor, and a watermark would hide that after a crash.
     */
    private void record(long watermark) {
        if (rebuildWanted || watermark <= recorded) {
            return;
        }
        try {
            index.recordChangeWatermark(watermark);
            recorded = watermark;
        } catch (IOException failure) {
            throw new UncheckedIOException("recording change " + watermark + " in the search index failed", failure);
        }
    }

    private void purgeNow() {
        Instant now = Instant.now();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        int purged = database.inTransaction(c -> changes.purgeBefore(c, now.minus(RETENTION)));
        if (purged > 0) {
            LOG.debugf("Deleted %d document changes older than %s", purged, RETENTION);
        }
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
