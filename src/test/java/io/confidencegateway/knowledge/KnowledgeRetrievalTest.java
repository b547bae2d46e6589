package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.api.ProblemException;
import io.confidencegateway.store.Database;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class KnowledgeRetrievalTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<List<String>> LOCKOUT_GUIDE = List.of(
            List.of("# Signing in", "Sign in with your email address and password. Use the Forgot password link on "
                    + "the sign-in page to choose a new password."),
            List.of("# Account lockout", "After seven failed sign-in attempts, the account is frozen for 45 minutes. "
                    + "The freeze ends by itself."));

    @Inject
    DocumentService documents;
    @Inject
    HybridRetriever retriever;
    @Inject
    Database database;
    @Inject
    DocumentRepository repository;
    @Inject
    PassageEmbedder embedder;
    @Inject
    KnowledgeConfig config;
    @Inject
    LucenePassageIndex index;
    @Inject
    IndexRebuildJob rebuild;

    private String product;

    @org.junit.jupiter.api.BeforeEach
    void createProduct() {
        product = io.confidencegateway.testing.TestProducts.ensure("retrieval-" + UUID.randomUUID());
    }

    @Test
    void aFactOnlyPageTwoHoldsIsRetrievedWithPageTwo() {
        Document pdf = add("lockout.pdf", TestPdfs.pages(LOCKOUT_GUIDE));

        List<RetrievedPassage> found = retrieve("How long is my account locked after too many failed logins?", 3);

        assertThat(found).isNotEmpty();
        RetrievedPassage best = found.get(0);
        assertThat(best.source()).isEqualTo("lockout.pdf");
        assertThat(best.documentId()).isEqualTo(pdf.id().toString());
        assertThat(best.page()).isEqualTo(2);
        assertThat(best.text()).contains("45 minutes");
        assertThat(best.lexicalRank()).isEqualTo(1);
        assertThat(best.vectorSimilarity()).isBetween(0.2, 1.0);
        assertThat(best.charEnd()).isGreaterThan(best.charStart());
    }

    @Test
    void retrievalStaysWithinTheProduct() {
        add("lockout.pdf", TestPdfs.pages(LOCKOUT_GUIDE));

        assertThat(retriever.retrieve("other-" + UUID.randomUUID(), "account lockout", 5).await().atMost(WAIT))
                .isEmpty();
    }

    @Test
    void aDeletedDocumentIsNoLongerRetrieved() {
        Document kept = add("kept.md", "# Delivery\n\nParcels arrive within three days.");
        Document gone = add("gone.md", "# Returns\n\nReturned parcels are refunded within ten days.");
        assertThat(retrieve("When are returned parcels refunded?", 5)).extracting(RetrievedPassage::documentId)
                .contains(gone.id().toString());

        documents.delete(product, gone.id().toString()).await().atMost(WAIT);

        assertThat(retrieve("When are returned parcels refunded?", 5)).extracting(RetrievedPassage::documentId)
                .containsOnly(kept.id().toString());
        List<Passage> stored = database.inTransaction(c -> repository.passagesOf(c, gone.id()));
        assertThat(stored).isEmpty();
    }

    @Test
    void anUploadWhoseIndexingFailsLeavesNoPassagesAnywhere() {
        DocumentService failing = new DocumentService(database, repository, new FailingAfterFirstPassage(index),
                embedder, id -> true, config);
        StringBuilder text = new StringBuilder("# Warranty\n\n");
        for (int i = 0; i < 12; i++) {
            text.append("The warranty covers part number ").append(i).append(" for two full years. ");
        }
        long passagesBefore = database.inTransaction(repository::countPassages);

        assertThatThrownBy(() -> failing.add(product, Upload.of("warranty.md", "text/markdown",
                text.toString().getBytes(StandardCharsets.UTF_8))).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(500);
                    assertThat(e.problem().detail()).contains("nothing was stored");
                });

        assertThat(documents.list(product).await().atMost(WAIT).data()).isEmpty();
        long passagesAfter = database.inTransaction(repository::countPassages);
        assertThat(passagesAfter).isEqualTo(passagesBefore);
        assertThat(retrieve("How long does the warranty cover a part?", 10)).isEmpty();
    }

    @Test
    void anUnknownProductIsNotFound() {
        DocumentService strict = new DocumentService(database, repository, index, embedder, id -> false, config);

        assertThatThrownBy(() -> strict.list(product).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(404));
    }

    @Test
    void theIndexIsRebuiltFromTheDatabaseAfterItsDirectoryIsDeleted() throws IOException {
        Document doc = add("lockout.pdf", TestPdfs.pages(LOCKOUT_GUIDE));
        List<RetrievedPassage> before = retrieve("account frozen after failed sign-in attempts", 3);

        index.destroy();
        assertThat(Files.exists(index.path())).isFalse();
        assertThat(retrieve("account frozen after failed sign-in attempts", 3)).isEmpty();

        assertThat(rebuild.rebuildIfStaleLater().await().atMost(WAIT)).isTrue();

        List<RetrievedPassage> after = retrieve("account frozen after failed sign-in attempts", 3);
        assertThat(after).isEqualTo(before);
        assertThat(after.get(0).documentId()).isEqualTo(doc.id().toString());
        assertThat(index.size()).isEqualTo(database.inTransaction(repository::countPassages));
        assertThat(rebuild.rebuildIfStaleLater().await().atMost(WAIT)).as("up to date now").isFalse();
    }

    private Document add(String name, String markdown) {
        return add(name, markdown.getBytes(StandardCharsets.UTF_8));
    }

    private Document add(String name, byte[] bytes) {
        return documents.add(product, Upload.of(name, null, bytes)).await().atMost(WAIT);
    }

    private List<RetrievedPassage> retrieve(String question, int k) {
        return retriever.retrieve(product, question, k).await().atMost(WAIT);
    }

    /** Indexes the first passage, then fails: an index that breaks halfway through a document. */
    private static final class FailingAfterFirstPassage implements PassageIndex {

        private final PassageIndex real;

        FailingAfterFirstPassage(PassageIndex real) {
            this.real = real;
        }

        @Override
        public void add(List<Passage> passages) throws IOException {
            real.add(passages.subList(0, 1));
            throw new IOException("disk full");
        }

        @Override
        public void deleteDocument(UUID documentId) throws IOException {
            real.deleteDocument(documentId);
        }

        @Override
        public List<Hit> keyword(String productId, String query, int n) throws IOException {
            return real.keyword(productId, query, n);
        }

        @Override
        public List<Hit> nearest(String productId, float[] vector, int n) throws IOException {
            return real.nearest(productId, vector, n);
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public void replaceAll(Consumer<Consumer<Passage>> source) throws IOException {
            real.replaceAll(source);
        }
    }
}
