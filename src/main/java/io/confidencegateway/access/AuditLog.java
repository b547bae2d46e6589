package io.confidencegateway.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;

/**
 * The audit log: who (which key) did what (method, path) with what outcome. {@link AccessFilter} writes one entry
 * for every successful change by an admin and every review claim or resolution, so no resource has to remember to.
 */
@ApplicationScoped
public class AuditLog {

    /** One entry, as {@code GET /v1/audit} shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(UUID id, UUID keyId, String keyPrefix, String role, String method, String path, int status,
            Instant createdAt) {
    }

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final Database database;

    public AuditLog(Database database) {
        this.database = database;
    }

    /** Writes the entry off the event loop; a failure is logged (the action itself already happened). */
    public void record(ApiKey actor, String method, String path, int status) {
        Entry entry = new Entry(UUID.randomUUID(), actor.id(), actor.prefix(), actor.role().wire(), method,
                path.length() > 2000 ? path.substring(0, 2000) : path, status, Instant.now());
        database.transaction(connection -> {
            insert(connection, entry);
            return null;
        }).subscribe().with(ignored -> {
        }, failure -> LOG.errorf("Could not write the audit entry %s %s by key %s: %s", method, path,
                actor.prefix(), failure.toString()));
    }

    /** The newest entries first, at most {@code limit}. */
    public Uni<List<Entry>> newest(int limit) {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, key_id, key_prefix, role, "
                    + "method, path, status, created_at FROM audit_log ORDER BY created_at DESC, id DESC "
                    + "FETCH FIRST " + limit + " ROWS ONLY"); ResultSet rows = select.executeQuery()) {
                List<Entry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new Entry(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getInt(7), KeyRepository.instant(rows, 8)));
                }
                return entries;
            }
        });
    }

    private static void insert(Connection connection, Entry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (id, key_id, key_prefix, "
                + "role, method, path, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, entry.id());
            insert.setObject(2, entry.keyId());
            insert.setString(3, entry.keyPrefix());
            insert.setString(4, entry.role());
            insert.setString(5, entry.method());
            insert.setString(6, entry.path());
            insert.setInt(7, entry.status());
            KeyRepository.setInstant(insert, 8, entry.createdAt());
            insert.executeUpdate();
        }
    }
}
