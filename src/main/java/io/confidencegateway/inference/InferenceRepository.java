package io.confidencegateway.inference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.Attempt;

/** JDBC access to the {@code inference} table; callers run it on worker threads through {@code Database}. */
@ApplicationScoped
public class InferenceRepository {

    private static final String INSERT = """
            INSERT INTO inference (id, api, model_alias, provider, upstream_model, streamed, status, error_kind,
                error_message, http_status, prompt_tokens, completion_tokens, usage_estimated, finish_reason, content,
                latency_ms, first_token_ms, created_at, finished_at, attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String SELECT = """
            SELECT id, api, model_alias, provider, upstream_model, streamed, status, error_kind, error_message,
                http_status, prompt_tokens, completion_tokens, usage_estimated, finish_reason, content, latency_ms,
                first_token_ms, created_at, finished_at, attempts
            FROM inference WHERE id = ?""";

    private static final TypeReference<List<Attempt>> ATTEMPTS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public InferenceRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Inserts the records in one batch. */
    public void insertAll(Connection connection, List<InferenceRecord> records) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (InferenceRecord r : records) {
                insert.setObject(1, r.id());
                insert.setString(2, r.api());
                insert.setString(3, r.modelAlias());
                insert.setString(4, r.provider());
                insert.setString(5, r.upstreamModel());
                insert.setBoolean(6, r.streamed());
                insert.setString(7, r.status());
                insert.setString(8, r.errorKind());
                insert.setString(9, truncate(r.errorMessage(), 1000));
                insert.setInt(10, r.httpStatus());
                setInteger(insert, 11, r.promptTokens());
                setInteger(insert, 12, r.completionTokens());
                insert.setBoolean(13, r.usageEstimated());
                insert.setString(14, r.finishReason());
                insert.setString(15, r.content());
                insert.setLong(16, r.latencyMs());
                if (r.firstTokenMs() == null) {
                    insert.setNull(17, Types.BIGINT);
                } else {
                    insert.setLong(17, r.firstTokenMs());
                }
                insert.setObject(18, r.createdAt().atOffset(ZoneOffset.UTC));
                insert.setObject(19, r.finishedAt().atOffset(ZoneOffset.UTC));
                insert.setString(20, r.attempts() == null || r.attempts().isEmpty() ? null : encode(r.attempts()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public Optional<InferenceRecord> find(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new InferenceRecord(row.getObject(1, UUID.class), row.getString(2),
                        row.getString(3), row.getString(4), row.getString(5), row.getBoolean(6), row.getString(7),
                        row.getString(8), row.getString(9), row.getInt(10), (Integer) row.getObject(11),
                        (Integer) row.getObject(12), row.getBoolean(13), row.getString(14), row.getString(15),
                        row.getLong(16), (Long) row.getObject(17), decode(row.getString(20)),
                        row.getObject(18, OffsetDateTime.class).toInstant(),
                        row.getObject(19, OffsetDateTime.class).toInstant()));
            }
        }
    }

    private String encode(List<Attempt> attempts) {
        try {
            return json.writeValueAsString(attempts);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("attempts could not be encoded", impossible);
        }
    }

    private List<Attempt> decode(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, ATTEMPTS);
        } catch (JsonProcessingException corrupt) {
            return List.of();
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
