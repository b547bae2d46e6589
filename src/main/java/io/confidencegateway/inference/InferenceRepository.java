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
                latency_ms, first_token_ms, created_at, finished_at, attempts, created_by_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String SELECT = """
            SELECT id, api, model_alias, provider, upstream_model, streamed, status, error_kind, error_message,
                http_status, prompt_tokens, completion_tokens, usage_estimated, finish_reason, content, latency_ms,
                first_token_ms, created_at, finished_at, attempts, created_by_key
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
                insert.setString(2, bounded(r.api(), 32));
                insert.setString(3, bounded(r.modelAlias(), 200));
                insert.setString(4, bounded(r.provider(), 100));
                insert.setString(5, bounded(r.upstreamModel(), 200));
                insert.setBoolean(6, r.streamed());
                insert.setString(7, bounded(r.status(), 32));
                insert.setString(8, bounded(r.errorKind(), 64));
                insert.setString(9, bounded(r.errorMessage(), 1000));
                insert.setInt(10, r.httpStatus());
                setInteger(insert, 11, r.promptTokens());
                setInteger(insert, 12, r.completionTokens());
                insert.setBoolean(13, r.usageEstimated());
                insert.setString(14, bounded(r.finishReason(), 64));
                insert.setString(15, text(r.content()));
                insert.setLong(16, r.latencyMs());
                if (r.firstTokenMs() == null) {
                    insert.setNull(17, Types.BIGINT);
                } else {
                    insert.setLong(17, r.firstTokenMs());
                }
                insert.setObject(18, r.createdAt().atOffset(ZoneOffset.UTC));
                insert.setObject(19, r.finishedAt().atOffset(ZoneOffset.UTC));
                insert.setString(20, r.attempts() == null || r.attempts().isEmpty() ? null : encode(r.attempts()));
                insert.setObject(21, r.createdByKey());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The stored record of that id, if any. */
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
                        row.getObject(19, OffsetDateTime.class).toInstant(), row.getObject(21, UUID.class)));
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

    /**
     * Text as every store can hold it: PostgreSQL rejects NUL in text columns (H2 does not), so NUL becomes U+FFFD
     * on both, and an answer reads back the same whichever store keeps it.
     */
    private static String text(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }

    /**
     * Text cut to a bounded column. Values such as the finish reason come from upstream and may be longer than the
     * column; the cut never splits a surrogate pair, so the value fits whether the store counts UTF-16 units (H2) or
     * code points (PostgreSQL).
     */
    private static String bounded(String value, int max) {
        String clean = text(value);
        if (clean == null || clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }
}
