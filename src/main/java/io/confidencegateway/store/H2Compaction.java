package io.confidencegateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Keeps the H2 file proportional to the data in it. Durable commits ({@code WRITE_DELAY=0}) switch off H2's
 * background writer, and with it the housekeeping that rewrites sparsely used chunks: every commit writes a chunk
 * of at least one 4 KB block that stays referenced by its few live pages, and the file grew ~5 KB per commit. So a
 * Vert.x timer runs {@link MVStore#compactFile(int)} (what H2's own close runs for {@code MAX_COMPACT_TIME}) on a
 * worker thread every {@code interval}, each step bounded by {@code max-time}. It runs in the writers' store lock
 * and writes synchronously like every commit, so it gives no durability away. The first step runs at start-up.
 *
 * <p>Why not a small {@code WRITE_DELAY} plus {@code CHECKPOINT} after each commit: with a write delay H2's writer
 * stores in the background asynchronously, and a {@code CHECKPOINT} that finds the changes already taken by it
 * returns before they are in the file, so a 2xx could precede the write.
 */
@ApplicationScoped
public class H2Compaction {

    private static final Logger LOG = Logger.getLogger(H2Compaction.class);

    private final Database database;
    private final Vertx vertx;
    private final long intervalMillis;
    private final int maxTimeMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    public H2Compaction(Database database, Vertx vertx, StoreConfig config) {
        this.database = database;
        this.vertx = vertx;
        this.intervalMillis = config.database().h2Compaction().interval().toMillis();
        this.maxTimeMillis = (int) Math.min(Integer.MAX_VALUE,
                Math.max(1, config.database().h2Compaction().maxTime().toMillis()));
    }

    void start(@Observes StartupEvent started) {
        if (!database.kind().equals("h2") || intervalMillis <= 0) {
            return;
        }
        step();
        timer = vertx.setPeriodic(intervalMillis, id -> step());
    }

    /** One bounded step in the background; skipped while the previous one still runs. */
    void step() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        database.transaction(connection -> {
            store(connection).compactFile(maxTimeMillis);
            return null;
        }).subscribe().with(done -> running.set(false), failure -> {
            running.set(false);
            LOG.debugf("H2 compaction step skipped: %s", failure);
        });
    }

    /** The MVStore behind an embedded H2 connection (the gateway opens H2 in-process only). */
    private static MVStore store(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
