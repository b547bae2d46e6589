package io.confidencegateway.review;

import io.confidencegateway.confidence.ConfidenceScore;
import io.confidencegateway.chat.Passage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JDBC access to the {@code review_item} table; callers run it on worker threads through {@code Database}.
 * Claims and resolutions are single conditional UPDATEs, so that the database decides races: of concurrent
 * writers exactly one sees an update count of 1.
 */
@ApplicationScoped
public class ReviewRepository {

    private static final String COLUMNS = """
            id, answer_id, product, kind, reason, status, question, draft, passages, signals, confidence,
            claimed_by, claimed_at, claim_expires_at, resolved_by, resolved_at, action, final_text,
            resolution_reason, created_at, prompt_version""";

    private static final String INSERT = "INSERT INTO review_item (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, ?)";

    private static final String POSITION = """
            SELECT COUNT(*) FROM review_item
            WHERE status = 'pending' AND (created_at < ? OR (created_at = ? AND id <= ?))""";

    // A reviewer may renew their own claim (same name, same key); anyone may take over one that has expired.
    private static final String CLAIM = """
            UPDATE review_item SET status = 'claimed', claimed_by = ?, claimed_by_key = ?, claimed_at = ?,
                claim_expires_at = ?
            WHERE id = ? AND (status = 'pending'
                OR (status = 'claimed' AND ((claimed_by = ? AND claimed_by_key IS NOT DISTINCT FROM ?)
                    OR claim_expires_at <= ?)))""";

    // The holder (same name, same key) may still resolve after expiry as long as nobody took the item over.
    private static final String RESOLVE = """
            UPDATE review_item SET status = 'resolved', resolved_by = ?, resolved_by_key = ?, resolved_at = ?,
                action = ?, final_text = ?, resolution_reason = ?
            WHERE id = ? AND status = 'claimed' AND claimed_by = ? AND claimed_by_key IS NOT DISTINCT FROM ?""";

    private static final String CLAIM_KEY = "SELECT claimed_by_key FROM review_item WHERE id = ?";

    // Leading space kept explicitly: a text block strips it, which ran the table name into ORDER BY.
    private static final String ORDER =
            " ORDER BY CASE status WHEN 'pending' THEN 0 WHEN 'claimed' THEN 1 ELSE 2 END, created_at, id";

    private static final TypeReference<List<Passage>> PASSAGES = new TypeReference<>() {
    };
    private static final TypeReference<List<ConfidenceScore.SignalScore>> SIGNALS = new TypeReference<>() {
    };

    /** Pending items of one kind, and the oldest pending creation time. */
    public record QueueState(long pendingReviews, long pendingHandoffs, Optional<Instant> oldestPending) {
    }

    private final ObjectMapper json;

    public ReviewRepository(ObjectMapper json) {
        this.json = json;
    }

    public void insert(Connection connection, UUID id, NewItem item, Instant createdAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setObject(2, item.answerId());
            insert.setString(3, item.product());
            insert.setString(4, item.kind());
            insert.setString(5, item.reason());
            insert.setString(6, ReviewItem.PENDING);
            insert.setString(7, item.question());
            insert.setString(8, item.draft());
            insert.setString(9, encode(item.passages()));
            insert.setString(10, encode(item.signals()));
            insert.setDouble(11, item.confidence());
            setInstant(insert, 12, createdAt);
            insert.setInt(13, item.promptVersion());
            insert.executeUpdate();
        }
    }

    /** 1-based position of a pending item among pending items, oldest first. */
    public int position(Connection connection, UUID id, Instant createdAt) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(POSITION)) {
            setInstant(count, 1, createdAt);
            setInstant(count, 2, createdAt);
            count.setObject(3, id);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Whether the claim was taken (false: someone else holds an unexpired claim, or it is resolved or absent). */
    public boolean claim(Connection connection, UUID id, String reviewer, UUID key, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(CLAIM)) {
            update.setString(1, reviewer);
            update.setObject(2, key);
            setInstant(update, 3, now);
            setInstant(update, 4, expiresAt);
            update.setObject(5, id);
            update.setString(6, reviewer);
            update.setObject(7, key);
            setInstant(update, 8, now);
            return update.executeUpdate() == 1;
        }
    }

    /** The key that holds (or last held) the item's claim; empty when none or claimed without a key. */
    public Optional<UUID> claimKey(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CLAIM_KEY)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Whether the item was resolved (false: the reviewer does not hold it, or it is resolved or absent). */
    public boolean resolve(Connection connection, UUID id, ResolveRequest verdict, UUID key, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(RESOLVE)) {
            update.setString(1, verdict.reviewer());
            update.setObject(2, key);
            setInstant(update, 3, now);
            update.setString(4, verdict.action());
            update.setString(5, verdict.finalText());
            update.setString(6, verdict.reason());
            update.setObject(7, id);
            update.setString(8, verdict.reviewer());
            update.setObject(9, key);
            return update.executeUpdate() == 1;
        }
    }

    public Optional<ReviewItem> find(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM review_item WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** A page of items, pending first and oldest first; {@code status} and {@code product} may be null. */
    public List<ReviewItem> list(Connection connection, String status, String product, long offset, int limit)
            throws SQLException {
        return list(connection, status, product, null, offset, limit);
    }

    /** A page of items, limited to the products in {@code scope} (null or empty: every product). */
    public List<ReviewItem> list(Connection connection, String status, String product, Collection<String> scope,
            long offset, int limit) throws SQLException {
        Filter filter = new Filter(status, product, scope);
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_item"
                + filter.where() + ORDER + " LIMIT ? OFFSET ?")) {
            int next = filter.bind(select);
            select.setInt(next, limit);
            select.setLong(next + 1, offset);
            List<ReviewItem> items = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    items.add(read(row));
                }
            }
            return items;
        }
    }

    public long count(Connection connection, String status, String product) throws SQLException {
        return count(connection, status, product, null);
    }

    /** How many items match, limited to the products in {@code scope} (null or empty: every product). */
    public long count(Connection connection, String status, String product, Collection<String> scope)
            throws SQLException {
        Filter filter = new Filter(status, product, scope);
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM review_item" + filter.where())) {
            filter.bind(count);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public QueueState queueState(Connection connection) throws SQLException {
        long reviews = 0;
        long handoffs = 0;
        Instant oldest = null;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT kind, COUNT(*), MIN(created_at) FROM review_item WHERE status = 'pending' GROUP BY kind""");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                if (NewItem.HANDOFF.equals(row.getString(1))) {
                    handoffs = row.getLong(2);
                } else {
                    reviews += row.getLong(2);
                }
                Instant first = instant(row, 3);
                if (first != null && (oldest == null || first.isBefore(oldest))) {
                    oldest = first;
                }
            }
        }
        return new QueueState(reviews, handoffs, Optional.ofNullable(oldest));
    }

    /**
     * The WHERE clause of a list or count: a status, a product, and the products a key is limited to ({@code scope};
     * null or empty: every product).
     */
    private record Filter(String status, String product, Collection<String> scope) {
        String where() {
            List<String> clauses = new ArrayList<>(3);
            if (status != null) {
                clauses.add("status = ?");
            }
            if (product != null) {
                clauses.add("product = ?");
            }
            if (scope != null && !scope.isEmpty()) {
                clauses.add("product IN (" + String.join(", ", Collections.nCopies(scope.size(), "?")) + ")");
            }
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }

        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            if (status != null) {
                statement.setString(index++, status);
            }
            if (product != null) {
                statement.setString(index++, product);
            }
            if (scope != null) {
                for (String allowed : scope) {
                    statement.setString(index++, allowed);
                }
            }
            return index;
        }
    }

    private ReviewItem read(ResultSet row) throws SQLException {
        return new ReviewItem(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                decode(row.getString(9), PASSAGES), decode(row.getString(10), SIGNALS), row.getDouble(11),
                row.getString(12), instant(row, 13), instant(row, 14), row.getString(15), instant(row, 16),
                row.getString(17), row.getString(18), row.getString(19), instant(row, 20),
                row.getInt(21));
    }

    private String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("review item could not be encoded", impossible);
        }
    }

    private <T> List<T> decode(String text, TypeReference<List<T>> type) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException corrupt) {
            return List.of();
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet row, int index) throws SQLException {
        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
