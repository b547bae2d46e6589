package io.confidencegateway.knowledge;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.confidencegateway.api.Problem;
import io.confidencegateway.api.ProblemException;
import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A product's knowledge base: adds documents (read, cut into passages, embedded, stored, indexed), lists and deletes
 * them. An upload is all or nothing: the document and its passages commit in one transaction, the index follows
 * the commit, and when indexing fails the document is deleted again, so a failed upload leaves no passages behind.
 * All work runs on worker threads.
 */
@ApplicationScoped
public class DocumentService {

    private static final Logger LOG = Logger.getLogger(DocumentService.class);
    private static final int MAX_SOURCE_CHARS = 500;
    private static final int MAX_PRODUCT_ID_CHARS = 200;

    private final Database database;
    private final DocumentRepository repository;
    private final PassageIndex index;
    private final PassageEmbedder embedder;
    private final KnownProducts products;
    private final PassageChunker chunker;
    private final long maxDocumentBytes;
    private final Executor workers = Infrastructure.getDefaultWorkerPool();

    DocumentService(Database database, DocumentRepository repository, PassageIndex index, PassageEmbedder embedder,
            KnownProducts products, KnowledgeConfig config) {
        this.database = database;
        this.repository = repository;
        this.index = index;
        this.embedder = embedder;
        this.products = products;
        this.chunker = new PassageChunker(config.passageChars());
        this.maxDocumentBytes = config.maxDocumentSize().asLongValue();
    }

    /** Adds the upload to the product's knowledge base; the item is the stored document. */
    public Uni<Document> add(String productId, Upload upload) {
        return Uni.createFrom().item(() -> addNow(productId, upload)).runSubscriptionOn(workers);
    }

    /** The product's documents, newest first. */
    public Uni<DocumentList> list(String productId) {
        return Uni.createFrom().item(() -> {
            requireProduct(productId);
            return new DocumentList(database.inTransaction(c -> repository.list(c, productId)));
        }).runSubscriptionOn(workers);
    }

    /** One document of the product. */
    public Uni<Document> get(String productId, String documentId) {
        return Uni.createFrom().item(() -> {
            requireProduct(productId);
            UUID id = documentId(productId, documentId);
            return database.inTransaction(c -> repository.find(c, productId, id))
                    .orElseThrow(() -> noDocument(productId, documentId));
        }).runSubscriptionOn(workers);
    }

    /** Deletes the document and its passages; 404 when the product has no such document. */
    public Uni<Void> delete(String productId, String documentId) {
        return Uni.createFrom().item(() -> {
            requireProduct(productId);
            UUID id = documentId(productId, documentId);
            if (!database.inTransaction(c -> repository.delete(c, productId, id))) {
                throw noDocument(productId, documentId);
            }
            try {
                index.deleteDocument(id);
            } catch (Exception failure) {
                // The database no longer has the passages, so the index counts differ and the next start rebuilds it.
                LOG.errorf("Document %s was deleted but its passages stay in the search index until it is rebuilt: %s",
                        id, failure.toString());
            }
            return (Void) null;
        }).runSubscriptionOn(workers);
    }

    /** Whether the product has any document; blocking. */
    boolean hasDocuments(String productId) {
        return database.inTransaction(c -> repository.countDocuments(c, productId)) > 0;
    }

    /** The blocking upload, for callers already on a worker thread. */
    Document addNow(String productId, Upload upload) {
        requireProduct(productId);
        String source = sourceName(upload.fileName());
        if (upload.size() > maxDocumentBytes) {
            throw Rejections.tooLarge(upload.size(), maxDocumentBytes);
        }
        byte[] bytes = upload.bytes();
        if (bytes.length > maxDocumentBytes) {
            throw Rejections.tooLarge(bytes.length, maxDocumentBytes);
        }
        DocumentFormat format = DocumentTypePolicy.detect(source, upload.declaredType(), bytes);
        ExtractedText extracted = format == DocumentFormat.PDF ? PdfExtractor.extract(source, bytes)
                : TextExtractor.extract(source, bytes);
        List<Chunk> chunks = chunker.chunk(extracted, format);
        if (chunks.isEmpty()) {
            throw Rejections.badDocument("The file '" + source + "' has no text to search");
        }
        String sha256 = sha256(bytes);
        Optional<UUID> duplicate = database.inTransaction(c -> repository.findBySha256(c, productId, sha256));
        if (duplicate.isPresent()) {
            throw new ProblemException(Problem.of(409, "Conflict", "The product '" + productId + "' already has "
                    + "this exact document (id " + duplicate.get() + "); delete it first to upload it again"));
        }
        List<float[]> vectors = embedder.embedAll(chunks.stream().map(Chunk::text).toList());

        UUID documentId = KnowledgeIds.next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Passage> passages = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            passages.add(new Passage(KnowledgeIds.next(), documentId, productId, source, i, chunk.page(),
                    chunk.start(), chunk.end(), chunk.text(), vectors.get(i)));
        }
        DocumentRepository.NewDocument row = new DocumentRepository.NewDocument(documentId, productId, source,
                format.mediaType(), bytes.length, sha256, extracted.pageCount(), now);
        database.inTransaction(c -> {
            repository.insert(c, row, passages);
            return null;
        });
        try {
            index.add(passages);
        } catch (Exception failure) {
            undo(productId, documentId, failure);
            throw new ProblemException(Problem.of(500, "Internal Server Error", "The document '" + source
                    + "' could not be indexed, so it was not kept; nothing was stored. Retry the upload"));
        }
        LOG.infof("Added %s to the knowledge base of %s: %d passages", source, productId, passages.size());
        return new Document(documentId, productId, source, format.mediaType(), extracted.pageCount(),
                passages.size(), bytes.length, now);
    }

    private void undo(String productId, UUID documentId, Exception cause) {
        LOG.errorf("Indexing document %s failed; deleting it again: %s", documentId, cause.toString());
        database.inTransaction(c -> repository.delete(c, productId, documentId));
        try {
            index.deleteDocument(documentId);
        } catch (Exception again) {
            LOG.warnf("Removing document %s from the search index failed too: %s", documentId, again.toString());
        }
    }

    private void requireProduct(String productId) {
        if (productId == null || productId.isBlank() || productId.length() > MAX_PRODUCT_ID_CHARS
                || !products.exists(productId)) {
            throw ProblemException.notFound("There is no product '" + productId + "'; GET /v1/products lists them");
        }
    }

    private static UUID documentId(String productId, String documentId) {
        try {
            return UUID.fromString(documentId);
        } catch (IllegalArgumentException notUuid) {
            throw noDocument(productId, documentId);
        }
    }

    private static ProblemException noDocument(String productId, String documentId) {
        return ProblemException.notFound("The product '" + productId + "' has no document '" + documentId
                + "'; GET /v1/products/" + productId + "/documents lists them");
    }

    /** The file name without any client-side directory, as citations will show it. */
    static String sourceName(String fileName) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            throw Rejections.badDocument("The file part has no file name; send one (e.g. refund_policy.md): it is "
                    + "the source name that citations show");
        }
        if (name.length() > MAX_SOURCE_CHARS) {
            throw Rejections.badDocument("The file name is longer than " + MAX_SOURCE_CHARS + " characters; "
                    + "shorten it");
        }
        return name;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
