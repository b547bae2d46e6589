package io.confidencegateway.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** JDBC access to {@code console_session}; callers run it on worker threads through {@code Database}. */
@ApplicationScoped
public class SessionRepository {

    /** A stored session: the key it speaks for and until when. */
    public record StoredSession(UUID keyId, Instant expiresAt) {
    }

    public void insert(Connection connection, String idHash, UUID keyId, Instant createdAt, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO console_session (id_hash, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, idHash);
            insert.setObject(2, keyId);
            KeyRepository.setInstant(insert, 3, createdAt);
            KeyRepository.setInstant(insert, 4, expiresAt);
            insert.executeUpdate();
        }
    }

    public Optional<StoredSession> find(Connection connection, String idHash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key_id, expires_at FROM console_session WHERE id_hash = ?")) {
            select.setString(1, idHash);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new StoredSession(row.getObject(1, UUID.class),
                        KeyRepository.instant(row, 2))) : Optional.empty();
            }
        }
    }

    /** Ends a session; false when there was none. */
    public boolean delete(Connection connection, String idHash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM console_session WHERE id_hash = ?")) {
            delete.setString(1, idHash);
            return delete.executeUpdate() > 0;
        }
    }

    /** Drops sessions that ran out, so that the table holds only live ones. */
    public int deleteExpired(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM console_session WHERE expires_at <= ?")) {
            KeyRepository.setInstant(delete, 1, now);
            return delete.executeUpdate();
        }
    }
}
