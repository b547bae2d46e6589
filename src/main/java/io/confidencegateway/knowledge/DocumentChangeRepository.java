package io.confidencegateway.knowledge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

/**
 * JDBC access to the {@code document_change} feed that keeps every replica's search index in step. Writers add a row
 * in the same transaction as the change itself, so a change is in the feed exactly when it is committed.
 */
@Singleton
class DocumentChangeRepository {

    /** A document became ready: its passages and embeddings are stored and may be added to an index. */
    static final String READY = "ready";
    /** A document was deleted: its passages leave every index. */
    static final String DELETED = "deleted";

    /** One row of the feed. */
    record Change(long seq, UUID documentId, String change, String origin) {
    }

    /** This process, as the origin of the rows it writes: it applied those changes to its own index already. */
    static final String ORIGIN = UUID.randomUUID().toString();

    void record(Connection connection, UUID documentId, String change) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO document_change (document_id, change, origin, changed_at) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, documentId);
            insert.setString(2, change);
            insert.setString(3, ORIGIN);
            insert.setObject(4, Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** The feed's lowest and highest numbers, and the highest written before {@code settledBefore}. */
    CatchUpPolicy.Feed feed(Connection connection, Instant settledBefore) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MIN(seq), MAX(seq), "
                + "MAX(CASE WHEN changed_at < ? THEN seq END) FROM document_change")) {
            select.setObject(1, settledBefore.atOffset(ZoneOffset.UTC));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new CatchUpPolicy.Feed(row.getLong(1), row.getLong(2), row.getLong(3));
            }
        }
    }

    /** Up to {@code limit} rows after {@code seq}, in number order. */
    List<Change> after(Connection connection, long seq, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, document_id, change, origin FROM document_change WHERE seq > ? ORDER BY seq")) {
            select.setLong(1, seq);
            select.setMaxRows(limit);
            List<Change> changes = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    changes.add(new Change(row.getLong(1), row.getObject(2, UUID.class), row.getString(3),
                            row.getString(4)));
                }
            }
            return changes;
        }
    }

    /**
     * Deletes the rows older than the instant except the newest row; how many. The newest row stays so that a
     * replica coming back can tell from the feed's lowest number whether rows it has not applied were purged.
     */
    int purgeBefore(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM document_change WHERE changed_at < ? "
                + "AND seq < (SELECT MAX(seq) FROM document_change)")) {
            delete.setObject(1, before.atOffset(ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }
}
