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

import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.store.Database;
import io.confidencegateway.testing.Eventually;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;

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
    DocumentChangeRepository changes;
    @Inject
    PassageEmbedder embedder;
    @Inject
    KnowledgeConfig config;
    @Inject
    LucenePassageIndex index;
    @Inject
    IndexRebuildJob rebuild;
    @Inject
    DocumentIndexer indexer;

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
    void aDocumentWhoseIndexingFailsIsMarkedFailedWithNoPassagesAnywhereAndARetryReplacesIt() {
        DocumentIndexer breaking = new DocumentIndexer(database, repository, changes,
                new FailingAfterFirstPassage(index), embedder,
                new IndexingThreads(Runnable::run, Infrastructure.getDefaultWorkerPool(), 2), config);
        DocumentService failing = new DocumentService(database, repository, changes, index, breaking, id -> true,
                config);
        byte[] warranty = warranty();
        long passagesBefore = database.inTransaction(repository::countPassages);

        Document failed = failing.addAndIndexNow(product, Upload.of("warranty.md", "text/markdown", warranty));

        assertThat(failed.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(failed.error()).startsWith("Writing its passages to the search index failed; nothing of the "
                + "document is searchable. Upload the same file again to retry");
        assertThat(failed.passagesIndexed()).isZero();
        assertThat(failed.passages()).isPositive();
        assertThat(documents.list(product).await().atMost(WAIT).data()).extracting(Document::status)
                .containsExactly(DocumentStatus.FAILED);
        List<Passage> left = database.inTransaction(c -> repository.passagesOf(c, failed.id()));
        assertThat(left).isEmpty();
        assertThat(database.inTransaction(repository::countPassages)).isEqualTo(passagesBefore);
        assertThat(retrieve("How long does the warranty cover a part?", 10)).isEmpty();

        Document retried = documents.addAndIndexNow(product, Upload.of("warranty.md", "text/markdown", warranty));

        assertThat(retried.status()).isEqualTo(DocumentStatus.READY);
        assertThat(retried.id()).isNotEqualTo(failed.id());
        assertThat(documents.list(product).await().atMost(WAIT).data()).extracting(Document::id)
                .containsExactly(retried.id());
        assertThat(retrieve("How long does the warranty cover a part?", 3)).extracting(RetrievedPassage::documentId)
                .contains(retried.id().toString());
    }

    @Test
    void aStoredDocumentIsNotRetrievedUntilItIsReady() {
        DocumentService.Added stored = documents.store(product, Upload.of("warranty.md", "text/markdown",
                warranty()));
        assertThat(stored.document().status()).isEqualTo(DocumentStatus.INDEXING);

        assertThat(retrieve("How long does the warranty cover a part?", 10)).isEmpty();

        assertThat(indexer.index(stored.document().id())).isEqualTo(DocumentStatus.READY);
        assertThat(retrieve("How long does the warranty cover a part?", 3)).extracting(RetrievedPassage::documentId)
                .contains(stored.document().id().toString());
    }

    @Test
    void indexingNowADocumentTheResumeAlreadyPickedUpWaitsForThatRunInsteadOfRacingIt() {
        // At start-up the resume can pick up a document the demo seeding committed a moment earlier; two indexers on
        // one document made the second see its rows gone ("deleted while it was being indexed") and seeding failed.
        DocumentService.Added stored = documents.store(product, Upload.of("warranty.md", "text/markdown",
                warranty()));
        UUID id = stored.document().id();

        indexer.submit(id);
        indexer.indexNow(id);

        assertThat(indexer.isQueued(id)).isFalse();
        assertThat(documents.get(product, id.toString()).await().atMost(WAIT).status()).isEqualTo(DocumentStatus.READY);
        assertThat(retrieve("How long does the warranty cover a part?", 3)).extracting(RetrievedPassage::documentId)
                .contains(id.toString());
    }

    @Test
    void aDocumentLeftIndexingByAStopIsResumedKeepingTheEmbeddingsAlreadyStored() {
        byte[] manual = LargeMarkdown.generate(40_000, 5).getBytes(StandardCharsets.UTF_8);
        UUID id = documents.store(product, Upload.of("manual.md", "text/markdown", manual)).document().id();
        // As a stop after the first page would leave it: that page's embeddings stored, the rest not.
        List<DocumentRepository.Pending> first = database.inTransaction(
                c -> repository.pending(c, id, -1, DocumentIndexer.PAGE));
        List<float[]> vectors = embedder.embedAll(first.stream().map(DocumentRepository.Pending::text).toList());
        database.inTransaction(c -> repository.storeEmbeddings(c, id, first, vectors));
        String firstEmbedding = DocumentRepository.encode(vectors.get(0));
        Document halfway = documents.get(product, id.toString()).await().atMost(WAIT);
        assertThat(halfway.status()).isEqualTo(DocumentStatus.INDEXING);
        assertThat(halfway.passagesIndexed()).isEqualTo(DocumentIndexer.PAGE);

        assertThat(indexer.resumeAll()).isGreaterThanOrEqualTo(1);

        Document resumed = Eventually.read(() -> documents.get(product, id.toString()).await().atMost(WAIT),
                d -> d.status() != DocumentStatus.INDEXING, WAIT);
        assertThat(resumed.status()).isEqualTo(DocumentStatus.READY);
        assertThat(resumed.passagesIndexed()).isEqualTo(resumed.passages());
        List<Passage> passages = database.inTransaction(c -> repository.passagesOf(c, id));
        assertThat(DocumentRepository.encode(passages.get(0).embedding())).isEqualTo(firstEmbedding);
        assertThat(retrieve("When is the invoice issued?", 3)).extracting(RetrievedPassage::documentId)
                .contains(id.toString());
    }

    @Test
    void aDocumentDeletedHalfwayThroughIndexingLeavesNothingInTheIndex() {
        byte[] manual = LargeMarkdown.generate(40_000, 6).getBytes(StandardCharsets.UTF_8);
        UUID id = documents.store(product, Upload.of("manual.md", "text/markdown", manual)).document().id();
        PassageEmbedder deletingMidway = new PassageEmbedder() {
            private int calls;

            @Override
            public List<float[]> embedAll(List<String> texts) {
                if (++calls == 2) {
                    documents.delete(product, id.toString()).await().atMost(WAIT);
                }
                return embedder.embedAll(texts);
            }
        };
        DocumentIndexer racing = new DocumentIndexer(database, repository, changes, index, deletingMidway,
                new IndexingThreads(Runnable::run, Runnable::run, 1), config);

        assertThat(racing.index(id)).as("gave up: deleted").isNull();

        List<Passage> left = database.inTransaction(c -> repository.passagesOf(c, id));
        assertThat(left).isEmpty();
        assertThat(retrieve("When is the invoice issued?", 5)).isEmpty();
    }

    @Test
    void theIndexIsRebuiltFromTheDatabaseAfterItsDirectoryIsDeleted() throws IOException {
        Document doc = add("lockout.pdf", TestPdfs.pages(LOCKOUT_GUIDE));
        List<RetrievedPassage> before = retrieve("account frozen after failed sign-in attempts", 3);

        IndexFiles.delete(index);
        assertThat(Files.exists(index.path())).isFalse();
        assertThat(retrieve("account frozen after failed sign-in attempts", 3)).isEmpty();

        assertThat(rebuild.rebuildIfStale()).isTrue();

        List<RetrievedPassage> after = retrieve("account frozen after failed sign-in attempts", 3);
        assertThat(after).isEqualTo(before);
        assertThat(after.get(0).documentId()).isEqualTo(doc.id().toString());
        assertThat(indexer.exclusive(() -> indexSize() == database.inTransaction(repository::countPassages)))
                .as("the index holds the ready documents' passages").isTrue();
        assertThat(rebuild.rebuildIfStale()).as("up to date now").isFalse();
    }

    private Document add(String name, String markdown) {
        return add(name, markdown.getBytes(StandardCharsets.UTF_8));
    }

    private Document add(String name, byte[] bytes) {
        Document added = documents.addAndIndexNow(product, Upload.of(name, null, bytes));
        assertThat(added.status()).isEqualTo(DocumentStatus.READY);
        return added;
    }

    private long indexSize() {
        try {
            return index.size();
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }

    private static byte[] warranty() {
        StringBuilder text = new StringBuilder("# Warranty\n\n");
        for (int i = 0; i < 12; i++) {
            text.append("The warranty covers part number ").append(i).append(" for two full years. ");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
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
        public void addAll(Consumer<Consumer<Passage>> source) throws IOException {
            real.addAll(sink -> source.accept(passage -> {
                sink.accept(passage);
                throw new java.io.UncheckedIOException(new IOException("disk full"));
            }));
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
        public void replaceAll(long changeWatermark, Consumer<Consumer<Passage>> source) throws IOException {
            real.replaceAll(changeWatermark, source);
        }

        @Override
        public java.util.OptionalLong changeWatermark() throws IOException {
            return real.changeWatermark();
        }

        @Override
        public void recordChangeWatermark(long changeWatermark) throws IOException {
            real.recordChangeWatermark(changeWatermark);
        }
    }
}
