package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestProducts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The replica side of the document change feed, on H2: rows "another replica" wrote (a foreign origin) make this
 * replica's search index add a ready document from its stored rows or drop a deleted one; its own rows change
 * nothing. The two-process version is {@code KnowledgeReplicasIT}.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class IndexSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String QUESTION = "How long do warehouse pallets stay in quarantine?";
    private static final String GUIDE = "# Pallets\n\nIncoming warehouse pallets stay in quarantine for nine days.";

    @Inject
    DocumentService documents;
    @Inject
    DocumentRepository repository;
    @Inject
    HybridRetriever retriever;
    @Inject
    PassageIndex index;
    @Inject
    IndexSyncJob sync;
    @Inject
    Database database;

    private String product;

    @BeforeEach
    void createProduct() {
        product = TestProducts.ensure("sync-" + UUID.randomUUID());
    }

    @Test
    void aDocumentAnotherReplicaMadeReadyJoinsThisIndexFromItsStoredRows() throws Exception {
        Document stored = documents.addAndIndexNow(product, Upload.of("pallets.md", null, bytes(GUIDE)));
        sync.syncNow();
        // As if it had been uploaded and indexed through another replica: stored, but not in this index.
        index.deleteDocument(stored.id());
        assertThat(cited()).isEmpty();

        change(stored.id(), DocumentChangeRepository.READY, "another-replica");
        int applied = sync.syncNow();

        assertThat(applied).isEqualTo(1);
        assertThat(cited()).containsExactly("pallets.md");
    }

    @Test
    void aDocumentAnotherReplicaDeletedLeavesThisIndex() {
        Document stored = documents.addAndIndexNow(product, Upload.of("pallets.md", null, bytes(GUIDE)));
        sync.syncNow();
        assertThat(cited()).containsExactly("pallets.md");

        database.inTransaction(c -> repository.delete(c, product, stored.id()));
        change(stored.id(), DocumentChangeRepository.DELETED, "another-replica");
        sync.syncNow();

        assertThat(cited()).isEmpty();
    }

    @Test
    void aChangeThisReplicaWroteItselfIsNotAppliedAgain() {
        Document stored = documents.addAndIndexNow(product, Upload.of("pallets.md", null, bytes(GUIDE)));
        sync.syncNow();

        change(stored.id(), DocumentChangeRepository.DELETED, DocumentChangeRepository.ORIGIN);
        int applied = sync.syncNow();

        assertThat(applied).isZero();
        assertThat(cited()).containsExactly("pallets.md");
    }

    @Test
    void aReadyRowForADocumentDeletedSinceAddsNothing() throws Exception {
        Document stored = documents.addAndIndexNow(product, Upload.of("pallets.md", null, bytes(GUIDE)));
        sync.syncNow();
        index.deleteDocument(stored.id());
        database.inTransaction(c -> repository.delete(c, product, stored.id()));

        change(stored.id(), DocumentChangeRepository.READY, "another-replica");
        sync.syncNow();

        assertThat(cited()).isEmpty();
    }

    private List<String> cited() {
        return retriever.retrieve(product, QUESTION, 3).await().atMost(WAIT).stream()
                .map(RetrievedPassage::source).toList();
    }

    private void change(UUID documentId, String change, String origin) {
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO document_change (document_id, change, "
                    + "origin, changed_at) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, documentId);
                insert.setString(2, change);
                insert.setString(3, origin);
                insert.setObject(4, OffsetDateTime.now());
                return insert.executeUpdate();
            }
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
