package io.confidencegateway.knowledge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

/** JDBC access to the {@code document} and {@code passage} tables; callers run it on worker threads. */
@Singleton
class DocumentRepository {

    /** A new document row; it starts {@code indexing}. */
    record NewDocument(UUID id, String productId, String source, String contentType, long sizeBytes, String sha256,
            Integer pages, int passages, Instant createdAt) {
    }

    /** A document of the product with the same bytes as an upload. */
    record Existing(UUID id, String source, DocumentStatus status) {
    }

    /** A passage still waiting for its embedding. */
    record Pending(UUID id, int ordinal, String text) {
    }

    private static final String INSERT_DOCUMENT = """
            INSERT INTO document (id, product_id, source, content_type, size_bytes, sha256, pages, created_at, status,
                passages)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'indexing', ?)""";

    private static final String INSERT_PASSAGE = """
            INSERT INTO passage (id, document_id, product_id, ordinal, page, char_start, char_end, text, embedding)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String SELECT_DOCUMENTS = """
            SELECT d.id, d.product_id, d.source, d.content_type, d.pages, d.size_bytes, d.created_at, d.status,
                d.passages, d.error, d.passages_indexed
            FROM document d WHERE d.product_id = ?""";

    private static final String SELECT_PASSAGES = """
            SELECT p.id, p.document_id, p.product_id, d.source, p.ordinal, p.page, p.char_start, p.char_end, p.text,
                p.embedding
            FROM passage p JOIN document d ON d.id = p.document_id""";

    private static final String READY = " d.status = 'ready'";

    void insert(Connection connection, NewDocument document, List<Passage> passages) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DOCUMENT)) {
            insert.setObject(1, document.id());
            insert.setString(2, document.productId());
            insert.setString(3, document.source());
            insert.setString(4, document.contentType());
            insert.setLong(5, document.sizeBytes());
            insert.setString(6, document.sha256());
            setInteger(insert, 7, document.pages());
            insert.setObject(8, document.createdAt().atOffset(ZoneOffset.UTC));
            insert.setInt(9, document.passages());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_PASSAGE)) {
            for (Passage p : passages) {
                insert.setObject(1, p.id());
                insert.setObject(2, p.documentId());
                insert.setString(3, p.productId());
                insert.setInt(4, p.ordinal());
                setInteger(insert, 5, p.page());
                insert.setInt(6, p.charStart());
                insert.setInt(7, p.charEnd());
                insert.setString(8, p.text());
                insert.setString(9, p.embedding() == null ? null : encode(p.embedding()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    List<Document> list(Connection connection, String productId) throws SQLException {
        return documents(connection, SELECT_DOCUMENTS + " ORDER BY d.created_at DESC, d.id DESC", productId, null);
    }

    Optional<Document> find(Connection connection, String productId, UUID documentId) throws SQLException {
        return documents(connection, SELECT_DOCUMENTS + " AND d.id = ?", productId, documentId).stream().findFirst();
    }

    /** A document of the product with exactly these bytes, if there is one (the newest). */
    Optional<Existing> findBySha256(Connection connection, String productId, String sha256) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, source, status FROM document "
                + "WHERE product_id = ? AND sha256 = ? ORDER BY created_at DESC, id DESC")) {
            select.setString(1, productId);
            select.setString(2, sha256);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Existing(row.getObject(1, UUID.class), row.getString(2),
                        DocumentStatus.of(row.getString(3)))) : Optional.empty();
            }
        }
    }

    /**
     * The documents left {@code indexing} whose lease has run out or that never had one (their replica died or
     * stopped mid-index), oldest first; with {@code alsoOwner} also those {@code owner} holds.
     */
    List<UUID> indexingUnleased(Connection connection, Instant now, String alsoOwner) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM document WHERE status = "
                + "'indexing' AND (indexing_until IS NULL OR indexing_until <= ? OR indexing_by = ?) "
                + "ORDER BY created_at, id")) {
            select.setObject(1, now.atOffset(ZoneOffset.UTC));
            select.setString(2, alsoOwner);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /**
     * Gives {@code owner} the lease on an indexing document until {@code until}, or renews it; false when another
     * replica holds an unexpired lease, or the document is no longer indexing (ready, failed or deleted).
     */
    boolean leaseIndexing(Connection connection, UUID documentId, String owner, Instant now,
            Instant until) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE document SET indexing_by = ?, "
                + "indexing_until = ? WHERE id = ? AND status = 'indexing' AND (indexing_by = ? "
                + "OR indexing_until IS NULL OR indexing_until <= ?)")) {
            update.setString(1, owner);
            update.setObject(2, until.atOffset(ZoneOffset.UTC));
            update.setObject(3, documentId);
            update.setString(4, owner);
            update.setObject(5, now.atOffset(ZoneOffset.UTC));
            return update.executeUpdate() == 1;
        }
    }

    /** Renews every lease {@code owner} holds on a document still indexing; how many. */
    int renewIndexingLeases(Connection connection, String owner, Instant until) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE document SET indexing_until = ? "
                + "WHERE indexing_by = ? AND status = 'indexing'")) {
            update.setObject(1, until.atOffset(ZoneOffset.UTC));
            update.setString(2, owner);
            return update.executeUpdate();
        }
    }

    /** Ends {@code owner}'s leases on documents still indexing, so that another replica takes them over at once. */
    int releaseIndexingLeases(Connection connection, String owner) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE document SET indexing_until = NULL "
                + "WHERE indexing_by = ? AND status = 'indexing'")) {
            update.setString(1, owner);
            return update.executeUpdate();
        }
    }

    /** The document's status; empty when it does not exist (deleted). */
    Optional<DocumentStatus> status(Connection connection, UUID documentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT status FROM document WHERE id = ?")) {
            select.setObject(1, documentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(DocumentStatus.of(row.getString(1))) : Optional.empty();
            }
        }
    }

    /** Up to {@code limit} passages of the document after {@code afterOrdinal} that have no embedding yet. */
    List<Pending> pending(Connection connection, UUID documentId, int afterOrdinal, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, ordinal, text FROM passage "
                + "WHERE document_id = ? AND ordinal > ? AND embedding IS NULL ORDER BY ordinal")) {
            select.setObject(1, documentId);
            select.setInt(2, afterOrdinal);
            select.setMaxRows(limit);
            List<Pending> pending = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    pending.add(new Pending(row.getObject(1, UUID.class), row.getInt(2), row.getString(3)));
                }
            }
            return pending;
        }
    }

    /**
     * Stores the passages' embeddings and counts them in the document's progress; the count of passages that still
     * existed (0 once the document is deleted).
     */
    int storeEmbeddings(Connection connection, UUID documentId, List<Pending> passages, List<float[]> embeddings)
            throws SQLException {
        int stored = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE passage SET embedding = ? WHERE id = ? AND embedding IS NULL")) {
            for (int i = 0; i < passages.size(); i++) {
                update.setString(1, encode(embeddings.get(i)));
                update.setObject(2, passages.get(i).id());
                update.addBatch();
            }
            for (int count : update.executeBatch()) {
                stored += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
            }
        }
        try (PreparedStatement progress = connection.prepareStatement(
                "UPDATE document SET passages_indexed = passages_indexed + ? WHERE id = ?")) {
            progress.setInt(1, stored);
            progress.setObject(2, documentId);
            progress.executeUpdate();
        }
        return stored;
    }

    /** Marks an indexing document ready; false when it no longer exists (deleted meanwhile) or is not indexing. */
    boolean markReady(Connection connection, UUID documentId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE document SET status = 'ready', error = NULL WHERE id = ? AND status = 'indexing'")) {
            update.setObject(1, documentId);
            return update.executeUpdate() == 1;
        }
    }

    /** Marks the document failed with the reason, and removes its passages: nothing of it is searchable. */
    void markFailed(Connection connection, UUID documentId, String error) throws SQLException {
        try (PreparedStatement passages = connection.prepareStatement("DELETE FROM passage WHERE document_id = ?")) {
            passages.setObject(1, documentId);
            passages.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE document SET status = 'failed', passages_indexed = 0, error = ? WHERE id = ?")) {
            update.setString(1, error);
            update.setObject(2, documentId);
            update.executeUpdate();
        }
    }

    /** Whether the document exists and is {@code ready} (every passage embedded). */
    boolean isReady(Connection connection, UUID documentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM document WHERE id = ? AND status = 'ready'")) {
            select.setObject(1, documentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    boolean exists(Connection connection, UUID documentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM document WHERE id = ?")) {
            select.setObject(1, documentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Deletes the document and its passages; false when the product has no such document. */
    boolean delete(Connection connection, String productId, UUID documentId) throws SQLException {
        try (PreparedStatement passages = connection.prepareStatement(
                "DELETE FROM passage WHERE document_id = ? AND product_id = ?")) {
            passages.setObject(1, documentId);
            passages.setString(2, productId);
            passages.executeUpdate();
        }
        try (PreparedStatement document = connection.prepareStatement(
                "DELETE FROM document WHERE id = ? AND product_id = ?")) {
            document.setObject(1, documentId);
            document.setString(2, productId);
            return document.executeUpdate() == 1;
        }
    }

    long countDocuments(Connection connection, String productId) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM document WHERE product_id = ?", productId);
    }

    /** How many passages the search index should hold: those of ready documents. */
    long countPassages(Connection connection) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM passage p JOIN document d ON d.id = p.document_id WHERE"
                + READY, null);
    }

    /** Streams every passage of the ready documents with its stored embedding, to rebuild the index. */
    void forEachPassage(Connection connection, Consumer<Passage> consumer) throws SQLException {
        stream(connection, SELECT_PASSAGES + " WHERE" + READY + " ORDER BY p.document_id, p.ordinal", null,
                consumer);
    }

    /** Streams the passages of one document with their embeddings, in order, to add it to the index. */
    void forEachPassageOf(Connection connection, UUID documentId, Consumer<Passage> consumer) throws SQLException {
        stream(connection, SELECT_PASSAGES + " WHERE p.document_id = ? ORDER BY p.ordinal", documentId, consumer);
    }

    private static void stream(Connection connection, String sql, UUID documentId, Consumer<Passage> consumer)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (documentId != null) {
                select.setObject(1, documentId);
            }
            select.setFetchSize(500);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    consumer.accept(passage(row));
                }
            }
        }
    }

    /** The passages of one document in order (for tests and tools; retrieval reads the index). */
    List<Passage> passagesOf(Connection connection, UUID documentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                SELECT_PASSAGES + " WHERE p.document_id = ? ORDER BY p.ordinal")) {
            select.setObject(1, documentId);
            List<Passage> passages = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    passages.add(passage(row));
                }
            }
            return passages;
        }
    }

    private static Passage passage(ResultSet row) throws SQLException {
        return new Passage(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                row.getString(4), row.getInt(5), (Integer) row.getObject(6), row.getInt(7), row.getInt(8),
                row.getString(9), row.getString(10) == null ? null : decode(row.getString(10)));
    }

    private static List<Document> documents(Connection connection, String sql, String productId, UUID documentId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, productId);
            if (documentId != null) {
                select.setObject(2, documentId);
            }
            List<Document> documents = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    documents.add(new Document(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                            DocumentStatus.of(row.getString(8)), row.getString(4), (Integer) row.getObject(5),
                            row.getInt(9), row.getInt(11), row.getLong(6),
                            row.getObject(7, OffsetDateTime.class).toInstant(), row.getString(10)));
                }
            }
            return documents;
        }
    }

    private static long count(Connection connection, String sql, String productId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (productId != null) {
                select.setString(1, productId);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        return vector;
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
