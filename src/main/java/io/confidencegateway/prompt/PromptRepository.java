package io.confidencegateway.prompt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.product.PromptModels;

/** Stored prompt versions (2 and up) and labels; plain JDBC on a connection the caller's transaction holds. */
@ApplicationScoped
class PromptRepository {

    private static final String VERSION_COLUMNS = "product, version, instructions, model, temperature, passages, "
            + "note, created_at";

    /** Inserts the next version (the shipped prompt is 1, so the first stored one is 2) and returns it. */
    PromptVersion insert(Connection connection, String product, NewPrompt prompt, Instant now) throws SQLException {
        int next;
        try (PreparedStatement max = connection.prepareStatement(
                "SELECT COALESCE(MAX(version), ?) FROM prompt_version WHERE product = ?")) {
            max.setInt(1, PromptVersion.SHIPPED);
            max.setString(2, product);
            try (ResultSet row = max.executeQuery()) {
                row.next();
                next = row.getInt(1) + 1;
            }
        }
        var created = new PromptVersion(product, next, prompt.instructions(), prompt.model(), prompt.temperature(),
                prompt.passages(), prompt.note(), now);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO prompt_version (" + VERSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, product);
            insert.setInt(2, next);
            insert.setString(3, created.instructions());
            insert.setString(4, created.model());
            if (created.temperature() == null) {
                insert.setNull(5, Types.DOUBLE);
            } else {
                insert.setDouble(5, created.temperature());
            }
            if (created.passages() == null) {
                insert.setNull(6, Types.INTEGER);
            } else {
                insert.setInt(6, created.passages());
            }
            insert.setString(7, created.note());
            insert.setObject(8, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return created;
    }

    List<PromptVersion> versions(Connection connection, String product) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM prompt_version WHERE product = ? ORDER BY version")) {
            select.setString(1, product);
            try (ResultSet rows = select.executeQuery()) {
                var versions = new ArrayList<PromptVersion>();
                while (rows.next()) {
                    versions.add(version(rows));
                }
                return versions;
            }
        }
    }

    Optional<PromptVersion> version(Connection connection, String product, int version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM prompt_version WHERE product = ? AND version = ?")) {
            select.setString(1, product);
            select.setInt(2, version);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(version(rows)) : Optional.empty();
            }
        }
    }

    /** The stored labels of a product, by name (production is missing until it is first moved). */
    List<PromptLabel> labels(Connection connection, String product) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT label, version, weight, updated_at "
                + "FROM prompt_label WHERE product = ? ORDER BY label")) {
            select.setString(1, product);
            try (ResultSet rows = select.executeQuery()) {
                var labels = new ArrayList<PromptLabel>();
                while (rows.next()) {
                    labels.add(new PromptLabel(rows.getString(1), rows.getInt(2), rows.getInt(3),
                            rows.getObject(4, OffsetDateTime.class).toInstant()));
                }
                return labels;
            }
        }
    }

    /** The labels of a product whose version names a model of its own, by label name (version 1 names none). */
    List<PromptModels.LabelledModel> labelledModels(Connection connection, String product) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT l.label, l.version, v.model "
                + "FROM prompt_label l JOIN prompt_version v ON v.product = l.product AND v.version = l.version "
                + "WHERE l.product = ? AND v.model IS NOT NULL ORDER BY l.label")) {
            select.setString(1, product);
            try (ResultSet rows = select.executeQuery()) {
                var labelled = new ArrayList<PromptModels.LabelledModel>();
                while (rows.next()) {
                    labelled.add(new PromptModels.LabelledModel(rows.getString(1), rows.getInt(2), rows.getString(3)));
                }
                return labelled;
            }
        }
    }

    /** Points the label at a version (creating it when new). */
    void putLabel(Connection connection, String product, PromptLabel label) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE prompt_label SET version = ?, weight = ?, "
                + "updated_at = ? WHERE product = ? AND label = ?")) {
            update.setInt(1, label.version());
            update.setInt(2, label.weight());
            update.setObject(3, label.updatedAt().atOffset(ZoneOffset.UTC));
            update.setString(4, product);
            update.setString(5, label.label());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO prompt_label (product, label, "
                + "version, weight, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, product);
            insert.setString(2, label.label());
            insert.setInt(3, label.version());
            insert.setInt(4, label.weight());
            insert.setObject(5, label.updatedAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static PromptVersion version(ResultSet row) throws SQLException {
        double temperature = row.getDouble(5);
        Double t = row.wasNull() ? null : temperature;
        int passages = row.getInt(6);
        Integer p = row.wasNull() ? null : passages;
        return new PromptVersion(row.getString(1), row.getInt(2), row.getString(3), row.getString(4), t, p,
                row.getString(7), row.getObject(8, OffsetDateTime.class).toInstant());
    }
}
