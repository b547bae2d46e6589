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
 * nothing; a restart resumes from the watermark the index recorded, or rebuilds it when the feed was purged past
 * it. The two-process version is {@code KnowledgeReplicasIT}.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class IndexSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String QUESTION = "How long do warehouse pallets stay in quarantine?";
    private static final String REFUND_QUESTION = "How many days do customers have to ask for a refund?";
    private static final String OLD_POLICY = "# Refunds\n\nCustomers may ask for a refund within 30 days.";
    private static final String NEW_POLICY = "# Refunds\n\nCustomers may ask for a refund within 14 days.";
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
    @Inject
    IndexRebuildJob rebuild;

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

    @Test
    void aReplicaRestartedAfterAnotherReplicaReplacedADocumentCitesOnlyTheNewVersion() throws Exception {
        Document old = whileRunning();
        sync.stop();
        try {
            Document corrected = replacedByAnotherReplica(old);
            assertThat(citedDocuments()).as("down: this index still holds the old version")
                    .containsExactly(old.id().toString());

            restart();

            assertThat(sync.rebuildWanted()).as("caught up from the feed, no rebuild").isFalse();
            assertThat(citedDocuments()).containsExactly(corrected.id().toString());
            assertThat(cited(REFUND_QUESTION)).extracting(RetrievedPassage::text)
                    .noneMatch(text -> text.contains("30 days")).anyMatch(text -> text.contains("14 days"));
        } finally {
            sync.start(null);
        }
    }

    @Test
    void aReplicaRestartedAfterTheFeedWasPurgedPastItsWatermarkIsRebuiltFromTheStoredRows() throws Exception {
        Document old = whileRunning();
        long watermark = index.changeWatermark().orElseThrow();
        sync.stop();
        try {
            Document corrected = replacedByAnotherReplica(old);
            // A day later: the rows after the watermark are purged, all but the newest.
            database.inTransaction(c -> {
                try (PreparedStatement purge = c.prepareStatement(
                        "DELETE FROM document_change WHERE seq < (SELECT MAX(seq) FROM document_change)")) {
                    return purge.executeUpdate();
                }
            });

            sync.resume();
            assertThat(sync.rebuildWanted()).as("the rows after %d are gone", watermark).isTrue();
            assertThat(rebuild.rebuildIfStale()).isTrue();
            sync.syncNow();

            assertThat(citedDocuments()).containsExactly(corrected.id().toString());
            assertThat(sync.rebuildWanted()).isFalse();
            assertThat(index.changeWatermark()).as("the rebuild records where it stands").isPresent();
        } finally {
            sync.start(null);
        }
    }

    /** The old policy, uploaded and applied while this replica runs: its watermark is recorded. */
    private Document whileRunning() throws Exception {
        rebuild.rebuildIfStale();
        Document old = documents.addAndIndexNow(product, Upload.of("refund-policy.md", null, bytes(OLD_POLICY)));
        sync.syncNow();
        assertThat(index.changeWatermark()).isPresent();
        assertThat(citedDocuments()).containsExactly(old.id().toString());
        return old;
    }

    /**
     * While this replica is down, another deletes the old policy and uploads a corrected one with as many passages:
     * the stored rows and the feed change, this index does not.
     */
    private Document replacedByAnotherReplica(Document old) throws Exception {
        database.inTransaction(c -> repository.delete(c, product, old.id()));
        change(old.id(), DocumentChangeRepository.DELETED, "another-replica");
        Document corrected = documents.addAndIndexNow(product, Upload.of("refund-policy.md", null,
                bytes(NEW_POLICY)));
        index.deleteDocument(corrected.id());
        change(corrected.id(), DocumentChangeRepository.READY, "another-replica");
        return corrected;
    }

    /** What a start-up does: place the cursor, check the index, then the first pass. */
    private void restart() {
        sync.resume();
        rebuild.rebuildIfStale();
        sync.syncNow();
    }

    private List<String> citedDocuments() {
        return cited(REFUND_QUESTION).stream().map(RetrievedPassage::documentId).distinct().toList();
    }

    private List<RetrievedPassage> cited(String question) {
        return retriever.retrieve(product, question, 3).await().atMost(WAIT);
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
