package io.confidencegateway.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JDBC access to the {@code feedback} table (and the draft of an answer); run through {@code Database}. */
@ApplicationScoped
public class FeedbackRepository {

    /** A stored event and the hash of the request that created it. */
    record Stored(FeedbackEvent event, String requestHash) {
    }

    private static final String COLUMNS = """
            id, answer_id, product, source, idempotency_key, rating, judged_correct, final_text, edit_ratio, edited,
            resolved, escalated, csat, hallucination, hallucination_start, hallucination_end, hallucination_text,
            comment, user_id, review_item_id, review_action, created_at, request_hash""";

    // The prompt version comes from the answer the feedback is about (none for a plain chat completion).
    private static final String INSERT = "INSERT INTO feedback (" + COLUMNS + ", prompt_version) VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "(SELECT a.prompt_version FROM answer a WHERE a.id = ?))";

    private final ObjectMapper json;

    public FeedbackRepository(ObjectMapper json) {
        this.json = json;
    }

    public void insert(Connection connection, FeedbackEvent e, String requestHash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            FeedbackRequest.Span span = e.hallucinationSpan();
            insert.setObject(1, e.id());
            insert.setObject(2, e.answerId());
            insert.setString(3, e.product());
            insert.setString(4, e.source());
            insert.setString(5, e.idempotencyKey());
            insert.setString(6, e.rating());
            setNullable(insert, 7, e.judgedCorrect(), Types.BOOLEAN);
            insert.setString(8, e.finalText());
            setNullable(insert, 9, e.editRatio(), Types.DOUBLE);
            setNullable(insert, 10, e.edited(), Types.BOOLEAN);
            setNullable(insert, 11, e.resolved(), Types.BOOLEAN);
            setNullable(insert, 12, e.escalated(), Types.BOOLEAN);
            setNullable(insert, 13, e.csat(), Types.INTEGER);
            setNullable(insert, 14, e.hallucination(), Types.BOOLEAN);
            setNullable(insert, 15, span == null ? null : span.start(), Types.INTEGER);
            setNullable(insert, 16, span == null ? null : span.end(), Types.INTEGER);
            insert.setString(17, span == null ? null : span.text());
            insert.setString(18, e.comment());
            insert.setString(19, e.userId());
            insert.setObject(20, e.reviewItemId());
            insert.setString(21, e.reviewAction());
            insert.setObject(22, e.createdAt().atOffset(ZoneOffset.UTC));
            insert.setString(23, requestHash);
            insert.setObject(24, e.answerId());
            insert.executeUpdate();
        }
    }

    public Optional<Stored> findByIdempotencyKey(Connection connection, String key) throws SQLException {
        return one(connection, "SELECT " + COLUMNS + " FROM feedback WHERE idempotency_key = ?", key);
    }

    public Optional<Stored> findByReviewItem(Connection connection, UUID itemId) throws SQLException {
        return one(connection, "SELECT " + COLUMNS + " FROM feedback WHERE review_item_id = ?", itemId);
    }

    /** Every event on an answer, oldest first. */
    public List<FeedbackEvent> listForAnswer(Connection connection, UUID answerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM feedback WHERE answer_id = ? ORDER BY created_at, id")) {
            select.setObject(1, answerId);
            List<FeedbackEvent> events = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(read(row).event());
                }
            }
            return events;
        }
    }

    /**
     * The product answer with this id, its draft text ({@code content} of the stored AIResponse) and the key that
     * created it. A hand-off has no draft: its content is the polite hand-off message, which no sent text should be
     * measured against.
     */
    Optional<AnswerDraft> findProductAnswer(Connection connection, UUID answerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT product, response, outcome, created_by_key FROM answer WHERE id = ?")) {
            select.setObject(1, answerId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String draft = "hand_off".equals(row.getString(3)) ? null : contentOf(row.getString(2));
                return Optional.of(new AnswerDraft(answerId, row.getString(1), draft, row.getObject(4, UUID.class)));
            }
        }
    }

    private String contentOf(String response) {
        try {
            JsonNode content = response == null ? null : json.readTree(response).get("content");
            return content == null || !content.isTextual() ? null : content.asText();
        } catch (JsonProcessingException corrupt) {
            return null;
        }
    }

    private static Optional<Stored> one(Connection connection, String sql, Object key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static Stored read(ResultSet row) throws SQLException {
        Integer start = (Integer) row.getObject(15);
        Integer end = (Integer) row.getObject(16);
        String spanText = row.getString(17);
        FeedbackRequest.Span span = start == null && spanText == null ? null
                : new FeedbackRequest.Span(start, end, spanText);
        FeedbackEvent event = new FeedbackEvent(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                row.getString(3), row.getString(4), row.getString(5), row.getString(6), bool(row, 7),
                row.getString(8), (Double) row.getObject(9), bool(row, 10), bool(row, 11), bool(row, 12),
                (Integer) row.getObject(13), bool(row, 14), span, row.getString(18), row.getString(19),
                row.getObject(20, UUID.class), row.getString(21), row.getObject(22, OffsetDateTime.class).toInstant());
        return new Stored(event, row.getString(23));
    }

    private static Boolean bool(ResultSet row, int column) throws SQLException {
        boolean value = row.getBoolean(column);
        return row.wasNull() ? null : value;
    }

    private static void setNullable(PreparedStatement statement, int index, Object value, int type)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, type);
        } else {
            statement.setObject(index, value);
        }
    }
}
