package io.confidencegateway.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.store.Database;
import io.confidencegateway.store.StoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Records every answer off the request path: {@link #record} only enqueues (the event loop never waits on the
 * database); a Vert.x worker executor of one thread (managed and closed with the application, not a thread of our
 * own) stores records in batches. A record is readable by id the moment it is recorded (from memory until its batch
 * commits), and the queue is drained before the application stops.
 *
 * <p>Write-behind means a crash ({@code kill -9}, power loss) loses the records still queued: normally those of the
 * last few tens of milliseconds ({@link #LINGER_MILLIS} plus one batch commit), never more than
 * {@code gateway.recording.queue-size}. So nothing that must survive may depend on a queued record alone: a write
 * that refers to one (feedback on a chat completion) first makes it durable with {@link #findDurable}. Product
 * answers, their tickets and feedback are stored by their own services before the response.
 */
@Startup
@ApplicationScoped
public class InferenceLog {

    private static final Logger LOG = Logger.getLogger(InferenceLog.class);
    private static final int BATCH = 256;
    /**
     * How long records gather before the writer runs, after a quiet spell or a partial batch. Without it every
     * answer woke the writer (a futex call on the event loop and a context switch on a busy core); with it the
     * writer runs at most ~50 times a second and stores bigger batches. Records stay readable from memory meanwhile.
     */
    private static final long LINGER_MILLIS = 20;
    /** How long shutdown waits for the queue to be stored. */
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final Database database;
    private final InferenceRepository repository;
    private final GatewayMetrics metrics;
    private final BlockingQueue<Entry> queue;
    private final Map<UUID, Entry> pending = new ConcurrentHashMap<>();
    private final Executor workers = Infrastructure.getDefaultWorkerPool();
    private final Vertx vertx;
    private final WorkerExecutor writer;
    /** Whether a run of the writer is scheduled or under way: records queued meanwhile wake nobody. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Duration durableWait;
    private volatile boolean stopping;

    public InferenceLog(Database database, InferenceRepository repository, GatewayMetrics metrics,
            RecordingConfig config, Vertx vertx) {
        this.database = database;
        this.repository = repository;
        this.metrics = metrics;
        this.queue = new LinkedBlockingQueue<>(config.queueSize());
        this.durableWait = config.durableWait();
        this.vertx = vertx;
        // One thread, so batches never race each other. A run retries for as long as the database refuses
        // writes, so the blocked-thread warning is set far beyond any outage worth a warning of its own. Made at
        // startup (@Startup), outside any Vert.x context: made inside an HTTP verticle's context on first use, the
        // executor would close with that verticle at shutdown, before the queue is drained.
        this.writer = vertx.createSharedWorkerExecutor("inference-log-writer", 1, 1, TimeUnit.DAYS);
    }

    /**
     * A queued record. Whoever claims it first stores it: the writer in a batch, or {@link #findDurable} at once;
     * {@code stored} completes when it is committed (or fails when it never will be).
     */
    private record Entry(InferenceRecord record, AtomicBoolean claimed, CompletableFuture<Void> stored) {
        Entry(InferenceRecord record) {
            this(record, new AtomicBoolean(), new CompletableFuture<>());
        }
    }

    /** Queues the record for storage; never blocks. */
    public void record(InferenceRecord record) {
        Entry entry = new Entry(record);
        pending.put(record.id(), entry);
        if (!queue.offer(entry)) {
            pending.remove(record.id());
            entry.stored().completeExceptionally(new IllegalStateException("the inference log queue is full"));
            metrics.recordDropped();
            LOG.errorf("Inference log queue is full; record %s was not stored", record.id());
            return;
        }
        wake();
    }

    /** Runs the writer {@link #LINGER_MILLIS} from now, unless a run is scheduled or under way already. */
    private void wake() {
        if (!stopping && scheduled.compareAndSet(false, true)) {
            vertx.setTimer(LINGER_MILLIS, timer -> {
                if (!stopping) {
                    writer.executeBlocking(this::run, true).onFailure(failure -> LOG.error(
                            "The inference log writer failed; queued records wait for the next one", failure));
                }
            });
        }
    }

    /** One run of the writer: full batches while there are, then the partial one; the rest waits for a new run. */
    private Void run() throws InterruptedException {
        try {
            int taken;
            do {
                taken = storeBatch();
                // After a full batch more are likely waiting, and lingering would only let the queue grow.
            } while (taken == BATCH && !stopping);
        } finally {
            scheduled.set(false);
        }
        // Records queued after the last look found the run under way and woke nobody.
        if (!queue.isEmpty()) {
            wake();
        }
        return null;
    }

    /** Stores up to one batch of queued records; how many were taken from the queue. */
    private int storeBatch() throws InterruptedException {
        var taken = new ArrayList<Entry>(BATCH);
        queue.drainTo(taken, BATCH);
        var batch = new ArrayList<Entry>(taken.size());
        for (Entry entry : taken) {
            if (entry.claimed().compareAndSet(false, true)) {
                batch.add(entry);
            }
        }
        if (!batch.isEmpty()) {
            store(batch);
        }
        return taken.size();
    }

    /** The record of that id, stored or still queued. */
    public Uni<Optional<InferenceRecord>> find(UUID id) {
        Entry queued = pending.get(id);
        if (queued != null) {
            return Uni.createFrom().item(Optional.of(queued.record()));
        }
        return database.transaction(connection -> repository.find(connection, id)).map(found -> {
            // The batch may have committed between the two looks.
            return found.isPresent() ? found : Optional.ofNullable(pending.get(id)).map(Entry::record);
        });
    }

    /**
     * The record of that id once it is committed: a queued record is stored now (or, when the writer has already
     * taken it, once the writer's batch commits). For writes that refer to the record and must not outlive it.
     */
    public Uni<Optional<InferenceRecord>> findDurable(UUID id) {
        Entry queued = pending.get(id);
        if (queued == null) {
            // Entries leave the map only after their commit: the record is stored, or there is none.
            return database.transaction(connection -> repository.find(connection, id));
        }
        if (!queued.claimed().compareAndSet(false, true)) {
            return committed(queued.stored(), durableWait).emitOn(workers).replaceWith(Optional.of(queued.record()));
        }
        return database.transaction(connection -> {
            repository.insertAll(connection, List.of(queued.record()));
            return Optional.of(queued.record());
        }).invoke(() -> stored(List.of(queued))).onFailure().invoke(failure -> {
            metrics.recordStoreFailure();
            // The writer may have passed over it while it was claimed here: hand it back.
            queued.claimed().set(false);
            if (queue.offer(queued)) {
                wake();
            } else {
                dropped(queued, failure);
            }
        });
    }

    /**
     * The writer's commit of a record, waited for at most {@code wait}: while the database fails the writer retries
     * without end, and a request that waits on it must not hang with it.
     */
    static Uni<Void> committed(CompletableFuture<Void> stored, Duration wait) {
        return Uni.createFrom().completionStage(stored).ifNoItem().after(wait).failWith(() ->
                ProblemException.unavailable("The answer store is unavailable: the answer this refers to is not "
                        + "stored yet (the database is not accepting writes). Nothing was stored; retry later.",
                        wait));
    }

    private void store(List<Entry> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                insert(batch);
                return;
            } catch (RuntimeException failure) {
                metrics.recordStoreFailure();
                if (StoreException.refusedData(failure)) {
                    // No retry can fix a record the database refuses; it must not hold up every answer behind it.
                    storeEach(batch);
                    return;
                }
                if (stopping && backoff > 1_600) {
                    LOG.errorf(failure, "Giving up storing %d inference records at shutdown", batch.size());
                    batch.forEach(entry -> entry.stored().completeExceptionally(failure));
                    return;
                }
                LOG.warnf("Storing %d inference records failed (%s); retrying in %d ms", batch.size(),
                        failure.getMessage(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void insert(List<Entry> entries) {
        database.inTransaction(connection -> {
            repository.insertAll(connection, entries.stream().map(Entry::record).toList());
            return null;
        });
        stored(entries);
    }

    /** Committed: readable from the database from now on, so the copies in memory go. */
    private void stored(List<Entry> entries) {
        for (Entry entry : entries) {
            pending.remove(entry.record().id());
            entry.stored().complete(null);
        }
    }

    private void storeEach(List<Entry> batch) throws InterruptedException {
        for (Entry entry : batch) {
            try {
                insert(List.of(entry));
            } catch (RuntimeException failure) {
                if (!StoreException.refusedData(failure)) {
                    store(List.of(entry));
                    continue;
                }
                dropped(entry, failure);
            }
        }
    }

    private void dropped(Entry entry, Throwable failure) {
        pending.remove(entry.record().id());
        entry.stored().completeExceptionally(failure);
        metrics.recordDropped();
        LOG.errorf(failure, "Inference record %s was not stored", entry.record().id());
    }

    /**
     * Drains on the shutdown event rather than at bean destruction: by the time this bean is destroyed the
     * datasource may already be closed, and every record still queued would be lost.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            // On the writer's one thread, so after any run under way: everything queued is stored or given up on.
            writer.executeBlocking(() -> {
                int taken;
                do {
                    taken = storeBatch();
                } while (taken > 0);
                return null;
            }, true).toCompletionStage().toCompletableFuture().get(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException failure) {
            LOG.error("Storing the queued inference records at shutdown did not finish", failure);
        } finally {
            writer.close();
        }
        if (!pending.isEmpty()) {
            LOG.errorf("%d inference records were not stored before shutdown", pending.size());
        }
    }
}
