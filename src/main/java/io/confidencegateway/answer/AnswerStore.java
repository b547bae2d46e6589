package io.confidencegateway.answer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;

/**
 * Keeps every product answer exactly as served (the AIResponse JSON) with the facts the product metrics are
 * computed from. A save completes only once committed.
 */
@ApplicationScoped
public class AnswerStore {

    private static final String INSERT = """
            INSERT INTO answer (id, product, user_id, conversation_id, question, confidence, confidence_label, outcome,
                requires_review, handoff_reason, provider, model, prompt_tokens, completion_tokens, cost_usd,
                latency_ms, response, created_at, prompt_version, created_by_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /**
     * Who asked, in which conversation, and what the outcome was, besides the response itself; {@code createdByKey}
     * is the id of the API key that asked (null when none did), never the key itself.
     */
    public record Facts(String userId, String conversationId, String question, String outcome, String handoffReason,
            UUID createdByKey) {
    }

    private final Database database;
    private final ObjectMapper json;

    public AnswerStore(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /** Stores the answer; the Uni completes after the commit, with the JSON as stored. */
    public Uni<String> save(AiResponse response, Facts facts) {
        return database.transaction(insert(response, facts));
    }

    /**
     * The insert of the answer as work for a transaction someone else commits (the review queue's, when the answer
     * carries a ticket); it yields the JSON as stored.
     */
    public Database.Work<String> insert(AiResponse response, Facts facts) {
        return connection -> {
            String body;
            try {
                body = json.writeValueAsString(response);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException("answer could not be encoded", impossible);
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, UUID.fromString(response.id()));
                insert.setString(2, response.product());
                insert.setString(3, cut(facts.userId(), 200));
                insert.setString(4, cut(facts.conversationId(), 200));
                insert.setString(5, facts.question());
                insert.setDouble(6, response.confidence());
                insert.setString(7, response.confidenceLabel());
                insert.setString(8, facts.outcome());
                insert.setBoolean(9, response.requiresHumanReview());
                insert.setString(10, facts.handoffReason());
                insert.setString(11, response.provider());
                insert.setString(12, response.model());
                setInteger(insert, 13, response.usage() == null ? null : response.usage().promptTokens());
                setInteger(insert, 14, response.usage() == null ? null : response.usage().completionTokens());
                if (response.usage() == null || response.usage().costUsd() == null) {
                    insert.setNull(15, Types.DOUBLE);
                } else {
                    insert.setDouble(15, response.usage().costUsd());
                }
                insert.setLong(16, response.latencyMs());
                insert.setString(17, body);
                insert.setObject(18, (response.createdAt() == null ? Instant.now() : response.createdAt())
                        .atOffset(ZoneOffset.UTC));
                insert.setInt(19, response.promptVersion());
                insert.setObject(20, facts.createdByKey());
                insert.executeUpdate();
            }
            return body;
        };
    }

    /**
     * A stored answer: the AIResponse JSON as served, the id of the key that asked for it (null: none recorded) and
     * the question it answers (after PII redaction), for the embeddable card.
     */
    public record Stored(String json, UUID createdByKey, String question) {
    }

    /** The stored answer with that id, if there is one. */
    public Uni<Optional<Stored>> find(UUID id) {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT response, created_by_key, question FROM answer WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Stored(row.getString(1), row.getObject(2, UUID.class),
                            row.getString(3)))
                            : Optional.<Stored>empty();
                }
            }
        });
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value)
            throws java.sql.SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
