package io.confidencegateway.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** JDBC access to {@code api_key}; callers run it on worker threads through {@code Database}. */
@ApplicationScoped
public class KeyRepository {

    private static final String COLUMNS = "id, name, prefix, key_hash, role, products, models, rpm, tpm, "
            + "max_parallel, budget_nanos, budget_period, expires_at, bootstrap, created_at, revoked_at, rotated_from";

    public void insert(Connection connection, ApiKey key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_key (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, key.id());
            insert.setString(2, key.name());
            insert.setString(3, key.prefix());
            insert.setString(4, key.hash());
            insert.setString(5, key.role().wire());
            insert.setString(6, join(key.products()));
            insert.setString(7, join(key.models()));
            setInteger(insert, 8, key.rpm());
            setInteger(insert, 9, key.tpm());
            setInteger(insert, 10, key.maxParallel());
            if (key.budgetNanos() == null) {
                insert.setNull(11, Types.BIGINT);
            } else {
                insert.setLong(11, key.budgetNanos());
            }
            insert.setString(12, key.budgetPeriod() == null ? null : key.budgetPeriod().wire());
            setInstant(insert, 13, key.expiresAt());
            insert.setBoolean(14, key.bootstrap());
            setInstant(insert, 15, key.createdAt());
            setInstant(insert, 16, key.revokedAt());
            insert.setObject(17, key.rotatedFrom());
            insert.executeUpdate();
        }
    }

    /** Every key, revoked ones included (they must stay known to be refused as revoked, not as unknown). */
    public List<ApiKey> all(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM api_key ORDER BY created_at, id"); ResultSet rows = select.executeQuery()) {
            List<ApiKey> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(read(rows));
            }
            return keys;
        }
    }

    public Optional<ApiKey> find(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM api_key WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** Marks the key revoked; false when it does not exist or was revoked already. */
    public boolean revoke(Connection connection, UUID id, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            setInstant(update, 1, at);
            update.setObject(2, id);
            return update.executeUpdate() == 1;
        }
    }

    public long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM api_key");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The bootstrap key row of a configured admin key, if one was stored. */
    public Optional<ApiKey> bootstrapKey(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM api_key WHERE bootstrap = TRUE AND revoked_at IS NULL ORDER BY created_at")) {
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static ApiKey read(ResultSet row) throws SQLException {
        String period = row.getString(12);
        return new ApiKey(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                Role.parse(row.getString(5)), split(row.getString(6)), split(row.getString(7)), integer(row, 8),
                integer(row, 9), integer(row, 10), longOrNull(row, 11),
                period == null ? null : ApiKey.BudgetPeriod.parse(period), instant(row, 13), row.getBoolean(14),
                instant(row, 15), instant(row, 16), row.getObject(17, UUID.class));
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    private static Integer integer(ResultSet row, int index) throws SQLException {
        int value = row.getInt(index);
        return row.wasNull() ? null : value;
    }

    private static Long longOrNull(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        return row.wasNull() ? null : value;
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet row, int index) throws SQLException {
        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
