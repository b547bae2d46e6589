package io.confidencegateway.product;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * JDBC access to the {@code product} table; callers run it on worker threads through {@code Database}. Only
 * {@link ProductService} uses it: other features read products from the service's memory.
 */
@ApplicationScoped
public class ProductRepository {

    private static final String COLUMNS = "id, spec, version, created_at, updated_at";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM product ORDER BY id";
    private static final String SELECT_VERSIONS = "SELECT id, version FROM product";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM product WHERE id = ?";
    private static final String UPDATE = "UPDATE product SET spec = ?, version = version + 1, updated_at = ? "
            + "WHERE id = ?";
    private static final String INSERT = "INSERT INTO product (" + COLUMNS + ") VALUES (?, ?, 1, ?, ?)";

    /** Every stored product, by id. */
    public List<StoredProduct> findAll(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ALL);
                ResultSet rows = select.executeQuery()) {
            List<StoredProduct> products = new ArrayList<>();
            while (rows.next()) {
                products.add(read(rows));
            }
            return products;
        }
    }

    /** Every stored product's id and version: what another instance's edits change, read without the specs. */
    public java.util.Map<String, Long> versions(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_VERSIONS);
                ResultSet rows = select.executeQuery()) {
            var versions = new java.util.HashMap<String, Long>();
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
            return versions;
        }
    }

    public Optional<StoredProduct> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /**
     * Replaces the product's spec, or inserts it when the id is new, and returns the row as written. Two
     * transactions creating the same new id race on the primary key: the loser fails with SQL state 23505 and
     * may simply run again, as a replacement.
     */
    public StoredProduct write(Connection connection, String id, String specJson, Instant at) throws SQLException {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setString(1, specJson);
            update.setObject(2, now.atOffset(ZoneOffset.UTC));
            update.setString(3, id);
            if (update.executeUpdate() == 1) {
                return find(connection, id).orElseThrow();
            }
        }
        insert(connection, id, specJson, now);
        return new StoredProduct(id, specJson, 1, now, now);
    }

    /** Inserts a new product; fails with SQL state 23505 when the id exists. */
    public void insert(Connection connection, String id, String specJson, Instant now) throws SQLException {
        OffsetDateTime at = now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, id);
            insert.setString(2, specJson);
            insert.setObject(3, at);
            insert.setObject(4, at);
            insert.executeUpdate();
        }
    }

    private static StoredProduct read(ResultSet row) throws SQLException {
        return new StoredProduct(row.getString(1), row.getString(2), row.getLong(3),
                row.getObject(4, OffsetDateTime.class).toInstant(), row.getObject(5, OffsetDateTime.class).toInstant());
    }
}
