package io.confidencegateway.knowledge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/** Makes the indexing threads as Vert.x worker executors, and closes them with the application. */
@ApplicationScoped
class IndexingPools {

    private final List<WorkerExecutor> pools = new CopyOnWriteArrayList<>();

    @Produces
    @Singleton
    IndexingThreads threads(KnowledgeConfig config, Vertx vertx) {
        int threads = config.indexingThreads();
        if (threads < 1) {
            throw new IllegalStateException("gateway.knowledge.indexing-threads must be at least 1, not " + threads);
        }
        // Long tasks by design: the blocked-thread warning would fire for every large document.
        WorkerExecutor documentPool = vertx.createSharedWorkerExecutor("gateway-indexing", 1, 1, TimeUnit.DAYS);
        WorkerExecutor embeddingPool = vertx.createSharedWorkerExecutor("gateway-embedding",
                Math.max(1, threads - 1), 1, TimeUnit.HOURS);
        pools.add(documentPool);
        pools.add(embeddingPool);
        return new IndexingThreads(on(documentPool), on(embeddingPool), threads);
    }

    @PreDestroy
    void close() {
        pools.forEach(WorkerExecutor::close);
    }

    private static Executor on(WorkerExecutor pool) {
        return task -> pool.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }
}
