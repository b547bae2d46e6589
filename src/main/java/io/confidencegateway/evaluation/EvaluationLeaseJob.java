package io.confidencegateway.evaluation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Keeps the leases of running evaluations: every check-interval each replica refreshes the heartbeat of the ones it
 * runs and fails any whose heartbeat is older than gateway.evaluations.lease, so an evaluation whose replica stopped
 * does not stay "running" forever. It is failed rather than resumed: its answers so far live only in the memory of
 * the replica that stopped, and a fresh run over the whole golden set is the clean way to get a report.
 */
@ApplicationScoped
public class EvaluationLeaseJob {

    private static final Logger LOG = Logger.getLogger(EvaluationLeaseJob.class);

    private final EvaluationService evaluations;
    private final Vertx vertx;
    private final Duration lease;
    private final long periodMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    public EvaluationLeaseJob(EvaluationService evaluations, Vertx vertx, EvaluationsConfig config) {
        this.evaluations = evaluations;
        this.vertx = vertx;
        this.lease = config.lease();
        this.periodMillis = Math.max(100, config.checkInterval().toMillis());
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(periodMillis, id -> tick().subscribe().with(failed -> { }, failure ->
                LOG.debug("Evaluation leases not kept this round", failure)));
    }

    /** One round on a worker, never two at once: a slow database skips rounds instead of piling them up. */
    Uni<List<UUID>> tick() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(() -> evaluations.keepLeases(lease))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(failed -> {
                    if (!failed.isEmpty()) {
                        LOG.warnf("Evaluations %s had no heartbeat for %s: their gateway instance stopped; marked "
                                + "failed", failed, lease);
                    }
                })
                .eventually(() -> running.set(false));
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
