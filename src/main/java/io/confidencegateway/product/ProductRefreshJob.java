package io.confidencegateway.product;

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
 * Keeps every replica's product catalog in step with the database: each tick reads the product versions and
 * reloads what another instance changed ({@link ProductService#reloadChanged()}). Polling a small table beats a
 * notification channel here: it works the same on H2 and PostgreSQL, and a replica that missed a tick (a GC pause,
 * a lost connection) catches up on the next one.
 */
@ApplicationScoped
public class ProductRefreshJob {

    private static final Logger LOG = Logger.getLogger(ProductRefreshJob.class);

    private final ProductService products;
    private final Vertx vertx;
    private final long periodMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    public ProductRefreshJob(ProductService products, Vertx vertx, ProductsConfig config) {
        this.products = products;
        this.vertx = vertx;
        this.periodMillis = Math.max(100, config.refreshInterval().toMillis());
    }

    // After ProductService's own start-up observer (default priority), which loads the catalog first.
    void start(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER)
            StartupEvent started) {
        timer = vertx.setPeriodic(periodMillis, id -> tick());
    }

    /** One read, never two at once: a slow database skips ticks instead of piling queries up. */
    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().item(products::reloadChanged).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(reloaded -> {
                    running.set(false);
                    if (!reloaded.isEmpty()) {
                        LOG.infof("Products changed by another instance, now served: %s", reloaded);
                    }
                }, failure -> {
                    running.set(false);
                    LOG.debug("Product catalog not refreshed", failure);
                });
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
