package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.Eventually;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestProducts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A document left {@code indexing} by a replica that died mid-index is taken over by a live replica once its lease
 * has run out, with no restart; one whose replica is alive (lease not run out) is left to that replica.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class IndexingLeaseTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DocumentService documents;
    @Inject
    DocumentIndexer indexer;
    @Inject
    Database database;

    private String product;

    @BeforeEach
    void createProduct() {
        product = TestProducts.ensure("lease-" + UUID.randomUUID());
    }

    @Test
    void aDocumentWhoseReplicaDiedMidIndexIsTakenOverOnceItsLeaseHasRunOut() {
        UUID id = storedButNotIndexed("warranty.md", "warranty");
        leaseTo(id, "a-replica-that-died", Instant.now().minus(Duration.ofMinutes(1)));

        indexer.keepLeases();

        Document taken = Eventually.read(() -> documents.get(product, id.toString()).await().atMost(WAIT),
                d -> d.status() != DocumentStatus.INDEXING, WAIT);
        assertThat(taken.status()).isEqualTo(DocumentStatus.READY);
        assertThat(taken.passagesIndexed()).isEqualTo(taken.passages());
    }

    @Test
    void aDocumentWhoseReplicaStillHoldsItsLeaseIsNeitherTakenOverNorIndexedHere() {
        UUID id = storedButNotIndexed("returns.md", "returns");
        leaseTo(id, "a-live-replica", Instant.now().plus(Duration.ofMinutes(10)));

        assertThat(indexer.keepLeases()).isZero();
        assertThat(indexer.isQueued(id)).isFalse();
        assertThat(indexer.resumeAll()).as("a start-up resume leaves it too").isZero();
        assertThat(indexer.index(id)).as("indexing it here is refused").isEqualTo(DocumentStatus.INDEXING);

        Document left = documents.get(product, id.toString()).await().atMost(WAIT);
        assertThat(left.status()).isEqualTo(DocumentStatus.INDEXING);
        assertThat(left.passagesIndexed()).as("nothing embedded here").isZero();
        documents.delete(product, id.toString()).await().atMost(WAIT);
    }

    /** Stored as an upload stores it (leased to this replica), without queueing it for indexing. */
    private UUID storedButNotIndexed(String name, String topic) {
        StringBuilder text = new StringBuilder("# ").append(topic).append("\n\n");
        for (int i = 0; i < 12; i++) {
            text.append("The ").append(topic).append(" rule number ").append(i).append(" holds for two years. ");
        }
        return documents.store(product, Upload.of(name, "text/markdown",
                text.toString().getBytes(StandardCharsets.UTF_8))).document().id();
    }

    private void leaseTo(UUID id, String replica, Instant until) {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE document SET indexing_by = ?, indexing_until = ? WHERE id = ?")) {
                update.setString(1, replica);
                update.setObject(2, until.atOffset(ZoneOffset.UTC));
                update.setObject(3, id);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            return null;
        });
    }
}
