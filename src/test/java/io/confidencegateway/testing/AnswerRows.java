package io.confidencegateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.confidencegateway.store.Ids;
import io.confidencegateway.store.Database;

/**
 * Inserts rows into {@code answer} directly, standing in for the answer pipeline, and opens connections that
 * share nothing with the gateway's pool (to prove that what a 2xx promised was committed).
 */
public final class AnswerRows {

    /** One answer row: the draft goes into the AIResponse's {@code content}; no tokens, so the cost is {@code costUsd}. */
    public record Answer(String product, String userId, double confidence, String outcome, long latencyMs,
            Double costUsd, String content, Instant createdAt) {
    }

    private AnswerRows() {
    }

    public static UUID insert(Database database, Answer a) {
        UUID id = Ids.next();
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO answer (id, product, user_id, question, confidence, confidence_label, outcome,
                        requires_review, handoff_reason, provider, model, cost_usd, latency_ms, response, created_at)
                    VALUES (?, ?, ?, 'q', ?, ?, ?, ?, ?, 'openai', 'gpt-4o-mini', ?, ?, ?, ?)""")) {
                insert.setObject(1, id);
                insert.setString(2, a.product());
                insert.setString(3, a.userId());
                insert.setDouble(4, a.confidence());
                insert.setString(5, a.confidence() >= 0.85 ? "high_confidence" : a.confidence() >= 0.6
                        ? "medium_confidence" : "low_confidence");
                insert.setString(6, a.outcome());
                insert.setBoolean(7, a.outcome().equals("review"));
                insert.setString(8, a.outcome().equals("hand_off") ? "low_confidence" : null);
                if (a.costUsd() == null) {
                    insert.setNull(9, java.sql.Types.DOUBLE);
                } else {
                    insert.setDouble(9, a.costUsd());
                }
                insert.setLong(10, a.latencyMs());
                insert.setString(11, "{\"id\":\"" + id + "\",\"content\":" + json(a.content()) + "}");
                insert.setObject(12, a.createdAt().atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /**
     * A new JDBC connection to the test store, outside the gateway's connection pool, with the H2 password the
     * gateway generated into its data directory.
     */
    public static Connection freshConnection() throws SQLException {
        var config = ConfigProvider.getConfig();
        String password;
        try {
            password = java.nio.file.Files.readString(java.nio.file.Path.of(config.getValue("gateway.data-dir",
                    String.class), io.confidencegateway.store.H2Credentials.FILE)).strip();
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), password);
    }

    private static String json(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
