package io.confidencegateway.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.store.Database;
import io.confidencegateway.store.StoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Records every answer off the request path: {@link #record} only enqueues (the event loop never waits on the
 * database); one writer thread stores records in batches. A record is readable by id the moment it is recorded
 * (from memory until its batch commits), and the queue is drained before the application stops.
 */
@ApplicationScoped
public class InferenceLog {

    private static final Logger LOG = Logger.getLogger(InferenceLog.class);
    private static final int BATCH = 256;
    /**
     * How long the writer lets records gather after storing a partial batch. Without it every answer woke the
     * writer thread (a futex call on the event loop and a context switch on a busy core); with it the writer
     * wakes at most ~50 times a second and stores bigger batches. Records stay readable from memory meanwhile.
     */
    private static final long LINGER_MILLIS = 20;

    private final Database database;
    private final InferenceRepository repository;
    private final GatewayMetrics metrics;
    private final BlockingQueue<InferenceRecord> queue;
    private final Map<UUID, InferenceRecord> pending = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile boolean stopping;

    public InferenceLog(Database database, InferenceRepository repository, GatewayMetrics metrics,
            RecordingConfig config) {
        this.database = database;
        this.repository = repository;
        this.metrics = metrics;
        this.queue = new LinkedBlockingQueue<>(config.queueSize());
        this.writer = new Thread(this::drainLoop, "inference-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues the record for storage; never blocks. */
    public void record(InferenceRecord record) {
        pending.put(record.id(), record);
        if (!queue.offer(record)) {
            pending.remove(record.id());
            metrics.recordDropped();
            LOG.errorf("Inference log queue is full; record %s was not stored", record.id());
        }
    }

    /** The record of that id, stored or still queued. */
    public Uni<Optional<InferenceRecord>> find(UUID id) {
        InferenceRecord queued = pending.get(id);
        if (queued != null) {
            return Uni.createFrom().item(Optional.of(queued));
        }
        return database.transaction(connection -> repository.find(connection, id)).map(found -> {
            // The batch may have committed between the two looks.
            return found.isPresent() ? found : Optional.ofNullable(pending.get(id));
        });
    }

    private void drainLoop() {
        var batch = new ArrayList<InferenceRecord>(BATCH);
        while (!stopping || !queue.isEmpty()) {
            try {
                InferenceRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store(batch);
                boolean partial = batch.size() < BATCH;
                batch.clear();
                if (partial && !stopping) {
                    Thread.sleep(LINGER_MILLIS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void store(List<InferenceRecord> batch) throws InterruptedException {
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
                    LOG.errorf("Giving up storing %d inference records at shutdown: %s", batch.size(),
                            failure.getMessage());
                    return;
                }
                LOG.warnf("Storing %d inference records failed (%s); retrying in %d ms", batch.size(),
                        failure.getMessage(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void insert(List<InferenceRecord> records) {
        database.inTransaction(connection -> {
            repository.insertAll(connection, records);
            return null;
        });
        records.forEach(r -> pending.remove(r.id()));
    }

    private void storeEach(List<InferenceRecord> batch) throws InterruptedException {
        for (InferenceRecord record : batch) {
            try {
                insert(List.of(record));
            } catch (RuntimeException failure) {
                if (!StoreException.refusedData(failure)) {
                    store(List.of(record));
                    continue;
                }
                pending.remove(record.id());
                metrics.recordDropped();
                LOG.errorf("The database refused inference record %s, which was not stored: %s", record.id(),
                        failure.getMessage());
            }
        }
    }

    /** Waits until everything recorded so far is stored (or the timeout passes). */
    public boolean flush(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return pending.isEmpty();
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
            writer.join(10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!pending.isEmpty()) {
            LOG.errorf("%d inference records were not stored before shutdown", pending.size());
        }
    }
}
