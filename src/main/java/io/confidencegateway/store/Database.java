package io.confidencegateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The active store (H2 file database by default, PostgreSQL when {@code gateway.database.kind=postgresql}) and
 * the one way to use it from reactive code: JDBC work runs on a worker thread, never on the event loop. Created at
 * startup, so that a store that is misconfigured stops the gateway from starting; it also makes the data directory
 * readable by its owner only ({@link OwnerOnly}).
 */
@Startup
@ApplicationScoped
public class Database {

    /** JDBC work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final String kind;
    private final Executor workers = Infrastructure.getDefaultWorkerPool();

    public Database(StoreConfig config, @Any Instance<AgroalDataSource> dataSources) {
        String kind = config.database().kind();
        this.kind = kind.trim().toLowerCase(java.util.Locale.ROOT);
        if (!this.kind.equals("h2") && !this.kind.equals("postgresql")) {
            throw new IllegalStateException("gateway.database.kind=" + kind + " is not supported; use h2 or postgresql");
        }
        if (this.kind.equals("postgresql") && config.database().url().filter(url -> !url.isBlank()).isEmpty()) {
            // Without a URL Quarkus quietly deactivates the datasource: the gateway would come up ready and then
            // fail every answer, so refuse to start instead.
            throw new IllegalStateException("gateway.database.kind=postgresql needs gateway.database.url, e.g. "
                    + "jdbc:postgresql://localhost:5432/gateway (and gateway.database.username / password)");
        }
        // After Flyway has created the H2 files (umask modes) and before anything is served; the index lives here too.
        OwnerOnly.tighten(java.nio.file.Path.of(config.dataDir()));
        this.dataSource = this.kind.equals("postgresql")
                ? dataSources.select(new DataSource.DataSourceLiteral("postgresql")).get()
                : dataSources.select(Default.Literal.INSTANCE).get();
    }

    /** {@code h2} or {@code postgresql}. */
    public String kind() {
        return kind;
    }

    /** Runs the work on a worker thread in its own transaction. */
    public <T> Uni<T> transaction(Work<T> work) {
        return Uni.createFrom().item(() -> inTransaction(work)).runSubscriptionOn(workers);
    }

    /** Runs the work on the calling thread, which must not be an event-loop thread. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        } catch (SQLException failure) {
            throw new StoreException(failure);
        }
    }
}
