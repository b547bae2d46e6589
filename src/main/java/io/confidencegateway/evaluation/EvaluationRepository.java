package io.confidencegateway.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Golden sets and evaluations; plain JDBC on a connection the caller's transaction holds. */
@ApplicationScoped
class EvaluationRepository {

    /** What a finished evaluation stores as its report. */
    record Report(Evaluation.Summary summary, List<Evaluation.QuestionResult> questions) {
    }

    private static final TypeReference<List<GoldenQuestion>> QUESTIONS = new TypeReference<>() {
    };
    private static final String EVALUATION_COLUMNS = "id, product, version, status, total, completed, report, "
            + "created_at, finished_at, updated_at, failure";

    private final ObjectMapper json;

    EvaluationRepository(ObjectMapper json) {
        this.json = json;
    }

    void putGoldenSet(Connection connection, GoldenSet set) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE golden_set SET questions = ?, updated_at = ? WHERE product = ?")) {
            update.setString(1, encode(set.questions()));
            update.setObject(2, set.updatedAt().atOffset(ZoneOffset.UTC));
            update.setString(3, set.product());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO golden_set (product, questions, updated_at) VALUES (?, ?, ?)")) {
            insert.setString(1, set.product());
            insert.setString(2, encode(set.questions()));
            insert.setObject(3, set.updatedAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    Optional<GoldenSet> goldenSet(Connection connection, String product) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT questions, updated_at FROM golden_set WHERE product = ?")) {
            select.setString(1, product);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new GoldenSet(product, decode(row.getString(1), QUESTIONS),
                        row.getObject(2, OffsetDateTime.class).toInstant()));
            }
        }
    }

    void insert(Connection connection, Evaluation e) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO prompt_evaluation ("
                + EVALUATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, NULL)")) {
            insert.setObject(1, e.id());
            insert.setString(2, e.product());
            insert.setInt(3, e.version());
            insert.setString(4, e.status());
            insert.setInt(5, e.total());
            insert.setInt(6, e.completed());
            insert.setObject(7, e.createdAt().atOffset(ZoneOffset.UTC));
            insert.setObject(8, e.createdAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** Progress is a heartbeat too. */
    void progress(Connection connection, UUID id, int completed, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE prompt_evaluation SET completed = ?, updated_at = ? WHERE id = ? AND status = ?")) {
            update.setInt(1, completed);
            update.setObject(2, at.atOffset(ZoneOffset.UTC));
            update.setObject(3, id);
            update.setString(4, Evaluation.RUNNING);
            update.executeUpdate();
        }
    }

    /**
     * Ends a running evaluation; false when it is no longer running (another replica found its lease expired and
     * failed it: an ended evaluation stays as it ended).
     */
    boolean finish(Connection connection, UUID id, String status, Report report, int completed, Instant at,
            String failure) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE prompt_evaluation SET status = ?, "
                + "report = ?, finished_at = ?, completed = ?, updated_at = ?, failure = ? WHERE id = ? "
                + "AND status = ?")) {
            update.setString(1, status);
            update.setString(2, report == null ? null : encode(report));
            update.setObject(3, at.atOffset(ZoneOffset.UTC));
            update.setInt(4, completed);
            update.setObject(5, at.atOffset(ZoneOffset.UTC));
            update.setString(6, failure);
            update.setObject(7, id);
            update.setString(8, Evaluation.RUNNING);
            return update.executeUpdate() == 1;
        }
    }

    /** Refreshes the lease of evaluations this replica runs. */
    void heartbeat(Connection connection, Collection<UUID> ids, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE prompt_evaluation SET updated_at = ? WHERE id = ? AND status = ?")) {
            for (UUID id : ids) {
                update.setObject(1, at.atOffset(ZoneOffset.UTC));
                update.setObject(2, id);
                update.setString(3, Evaluation.RUNNING);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * Fails every running evaluation whose last heartbeat is before {@code cutoff} and returns their ids. Each row is
     * changed only while it is still running with an old heartbeat, so replicas sweeping at once fail it once.
     */
    List<UUID> expire(Connection connection, Instant cutoff, Instant at, String failure) throws SQLException {
        var expired = new ArrayList<UUID>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM prompt_evaluation WHERE status = ? AND updated_at < ?")) {
            select.setString(1, Evaluation.RUNNING);
            select.setObject(2, cutoff.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    expired.add(rows.getObject(1, UUID.class));
                }
            }
        }
        var failed = new ArrayList<UUID>(expired.size());
        try (PreparedStatement update = connection.prepareStatement("UPDATE prompt_evaluation SET status = ?, "
                + "failure = ?, finished_at = ?, updated_at = ? WHERE id = ? AND status = ? AND updated_at < ?")) {
            for (UUID id : expired) {
                update.setString(1, Evaluation.FAILED);
                update.setString(2, failure);
                update.setObject(3, at.atOffset(ZoneOffset.UTC));
                update.setObject(4, at.atOffset(ZoneOffset.UTC));
                update.setObject(5, id);
                update.setString(6, Evaluation.RUNNING);
                update.setObject(7, cutoff.atOffset(ZoneOffset.UTC));
                if (update.executeUpdate() == 1) {
                    failed.add(id);
                }
            }
        }
        return failed;
    }

    Optional<Evaluation> find(Connection connection, String product, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVALUATION_COLUMNS
                + " FROM prompt_evaluation WHERE id = ? AND product = ?")) {
            select.setObject(1, id);
            select.setString(2, product);
            return one(select);
        }
    }

    Optional<Evaluation> latestFinished(Connection connection, String product, int version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVALUATION_COLUMNS
                + " FROM prompt_evaluation WHERE product = ? AND version = ? AND status = ? "
                + "ORDER BY created_at DESC LIMIT 1")) {
            select.setString(1, product);
            select.setInt(2, version);
            select.setString(3, Evaluation.FINISHED);
            return one(select);
        }
    }

    private Optional<Evaluation> one(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            String body = row.getString(7);
            Report report = body == null ? null : decode(body, new TypeReference<Report>() {
            });
            OffsetDateTime finished = row.getObject(9, OffsetDateTime.class);
            OffsetDateTime updated = row.getObject(10, OffsetDateTime.class);
            return Optional.of(new Evaluation(row.getObject(1, UUID.class), row.getString(2), row.getInt(3),
                    row.getString(4), row.getInt(5), row.getInt(6), report == null ? null : report.summary(),
                    report == null ? List.of() : report.questions(),
                    row.getObject(8, OffsetDateTime.class).toInstant(),
                    finished == null ? null : finished.toInstant(), updated == null ? null : updated.toInstant(),
                    row.getString(11)));
        }
    }

    private String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("could not be encoded", impossible);
        }
    }

    private <T> T decode(String body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored evaluation data could not be read", corrupt);
        }
    }
}
