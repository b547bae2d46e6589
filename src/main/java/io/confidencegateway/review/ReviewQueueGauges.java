package io.confidencegateway.review;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.store.Database;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Keeps the review-queue gauges current: reads the queue on a Vert.x timer and shortly after a change, on a worker
 * thread, and hands the numbers to {@link GatewayMetrics}, so that a metrics scrape never touches the database.
 * Changes are coalesced: one read for any number of changes in between (reading after every item was a full count
 * per answer, the largest cost of a product answer under load, #7), and the wait after a change grows with what the
 * last read cost ({@link GaugeReadPolicy}), so that a large backlog is not counted every second. A periodic read
 * that comes while a read after a change is scheduled takes its place: one read, never a gauge older than a period.
 */
@ApplicationScoped
public class ReviewQueueGauges {

    private static final Logger LOG = Logger.getLogger(ReviewQueueGauges.class);

    private final Database database;
    private final ReviewRepository repository;
    private final GatewayMetrics metrics;
    private final Vertx vertx;
    private final long periodMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile long timer = -1;
    private final AtomicBoolean soon = new AtomicBoolean();
    private volatile long soonTimer = -1;
    /** How long the last read took, in milliseconds. */
    private volatile long lastReadMillis;

    public ReviewQueueGauges(Database database, ReviewRepository repository, GatewayMetrics metrics, Vertx vertx,
            ReviewConfig config) {
        this.database = database;
        this.repository = repository;
        this.metrics = metrics;
        this.vertx = vertx;
        this.periodMillis = Math.max(1_000, config.review().metricsRefresh().toMillis());
    }

    void start(@Observes StartupEvent started) {
        refresh();
        timer = vertx.setPeriodic(periodMillis, id -> {
            // A read scheduled after a change is taken now instead: still one read, and since changes made on other
            // replicas are seen only by this periodic read, no gauge is ever older than one period.
            if (soon.compareAndSet(true, false)) {
                vertx.cancelTimer(soonTimer);
            }
            refresh();
        });
    }

    /** The queue changed: read it again shortly (once for any number of changes in between). */
    public void changed() {
        if (soon.compareAndSet(false, true)) {
            soonTimer = vertx.setTimer(GaugeReadPolicy.waitAfterChange(lastReadMillis, periodMillis), id -> {
                soon.set(false);
                refresh();
            });
        }
    }

    /** Reads the queue in the background; calls during a read cause one more read after it. */
    public void refresh() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            read();
        }
    }

    private void read() {
        again.set(false);
        long started = System.nanoTime();
        database.transaction(repository::queueState).subscribe().with(state -> {
            metrics.setReviewQueue(state.pendingReviews(), state.pendingHandoffs(), state.oldestPending().orElse(null));
            finish(started);
        }, failure -> {
            LOG.debug("Review queue gauges not refreshed", failure);
            finish(started);
        });
    }

    private void finish(long started) {
        lastReadMillis = (System.nanoTime() - started) / 1_000_000;
        running.set(false);
        if (again.get() && running.compareAndSet(false, true)) {
            read();
        }
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (soonTimer >= 0) {
            vertx.cancelTimer(soonTimer);
        }
    }
}
