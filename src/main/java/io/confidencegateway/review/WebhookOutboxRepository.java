package io.confidencegateway.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

/**
 * JDBC access to {@code webhook_outbox}. Claims are conditional UPDATEs, so two replicas never hold one row at once
 * (on H2 and PostgreSQL alike); on PostgreSQL the candidates are also read {@code FOR UPDATE SKIP LOCKED}, so
 * replicas polling together take different rows instead of queueing on the same ones.
 */
@Singleton
class WebhookOutboxRepository {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    /** A delivery claimed for sending; {@code attempts} counts those made before this one. */
    record Due(UUID id, String product, String type, String body, int attempts) {
    }

    private static final String DUE = " status = 'pending' AND next_attempt_at <= ?"
            + " AND (claimed_until IS NULL OR claimed_until < ?)";

    void insert(Connection connection, UUID id, String product, String type, String body, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_outbox (id, product_id, "
                + "event_type, body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, "
                + "?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, product);
            insert.setString(3, type);
            insert.setString(4, body);
            insert.setObject(5, at(now));
            insert.setObject(6, at(now));
            insert.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} due deliveries (all, or just {@code only} when it is not null) for
     * {@code claimer} until {@code until}; those it won.
     */
    List<Due> claim(Connection connection, String claimer, Instant now, Instant until, int limit, UUID only,
            boolean skipLocked) throws SQLException {
        String select = "SELECT id, product_id, event_type, body, attempts FROM webhook_outbox WHERE" + DUE
                + (only == null ? "" : " AND id = ?") + " ORDER BY next_attempt_at"
                + (skipLocked ? " LIMIT " + limit + " FOR UPDATE SKIP LOCKED" : "");
        List<Due> candidates = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(select)) {
            query.setObject(1, at(now));
            query.setObject(2, at(now));
            if (only != null) {
                query.setObject(3, only);
            }
            query.setMaxRows(limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    candidates.add(new Due(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                            row.getString(4), row.getInt(5)));
                }
            }
        }
        List<Due> won = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE webhook_outbox SET claimed_by = ?, claimed_until = ? WHERE id = ? AND" + DUE)) {
            for (Due due : candidates) {
                update.setString(1, claimer);
                update.setObject(2, at(until));
                update.setObject(3, due.id());
                update.setObject(4, at(now));
                update.setObject(5, at(now));
                if (update.executeUpdate() == 1) {
                    won.add(due);
                }
            }
        }
        return won;
    }

    /**
     * Records an attempt by the claimer: {@code status} delivered, failed or pending again at {@code next}; false when
     * the claim had passed to another replica meanwhile (its attempt counts instead).
     */
    boolean record(Connection connection, UUID id, String claimer, String status, Instant next, String error,
            Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_outbox SET status = ?, "
                + "attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claimed_by = NULL, "
                + "claimed_until = NULL, finished_at = ? WHERE id = ? AND claimed_by = ? AND status = 'pending'")) {
            update.setString(1, status);
            update.setObject(2, at(next == null ? now : next));
            update.setString(3, error == null ? null : truncate(error));
            if (PENDING.equals(status)) {
                update.setNull(4, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                update.setObject(4, at(now));
            }
            update.setObject(5, id);
            update.setString(6, claimer);
            return update.executeUpdate() == 1;
        }
    }

    /** Deletes delivered and given-up rows finished before the instant; how many. */
    int purgeFinishedBefore(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM webhook_outbox WHERE status <> 'pending' AND finished_at < ?")) {
            delete.setObject(1, at(before));
            return delete.executeUpdate();
        }
    }

    private static java.time.OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
