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

import io.confidencegateway.store.Ids;
import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A product's knowledge base: adds documents (read, checked, cut into passages and stored at once; embedded and
 * indexed in the background by {@link DocumentIndexer}), lists and deletes them. An upload is answered when the
 * document and its passages are committed; it becomes searchable, and answers cite it, once its status is
 * {@code ready}. An upload of bytes the product already has is a replay when the file name is the same too (the
 * stored document is returned, whatever its progress), replaces the stored one when that failed to index, and is a
 * conflict otherwise. All work runs on worker threads.
 */
@ApplicationScoped
public class DocumentService {

    /** What an upload did. */
    public enum Outcome {
        /** A new document, stored and queued for indexing. */
        ACCEPTED,
        /** The same file again: the document already stored for it. */
        REPLAYED
    }

    /** The document an upload stored (or found), and whether it is new. */
    public record Added(Document document, Outcome outcome) {
    }

    private static final Logger LOG = Logger.getLogger(DocumentService.class);
    private static final int MAX_SOURCE_CHARS = 500;
    private static final int MAX_PRODUCT_ID_CHARS = 200;

    private final Database database;
    private final DocumentRepository repository;
    private final DocumentChangeRepository changes;
    private final PassageIndex index;
    private final DocumentIndexer indexer;
    private final KnownProducts products;
    private final PassageChunker chunker;
    private final long maxDocumentBytes;
    private final java.time.Duration indexingLease;
    private final Executor workers = Infrastructure.getDefaultWorkerPool();

    DocumentService(Database database, DocumentRepository repository, DocumentChangeRepository changes,
            PassageIndex index, DocumentIndexer indexer, KnownProducts products, KnowledgeConfig config) {
        this.database = database;
        this.repository = repository;
        this.changes = changes;
        this.index = index;
        this.indexer = indexer;
        this.products = products;
        this.chunker = new PassageChunker(config.passageChars());
        this.maxDocumentBytes = config.maxDocumentSize().asLongValue();
        this.indexingLease = config.indexingLease();
    }

    /** Stores the upload in the product's knowledge base and queues it for indexing. */
    public Uni<Added> add(String productId, Upload upload) {
        return Uni.createFrom().item(() -> {
            Added added = store(productId, upload);
            if (added.outcome() == Outcome.ACCEPTED) {
                indexer.submit(added.document().id());
            }
            return added;
        }).runSubscriptionOn(workers);
    }

    /** The product's documents, newest first. */
    public Uni<DocumentList> list(String productId) {
        return Uni.createFrom().item(() -> {
            requireProduct(productId);
            return new DocumentList(database.inTransaction(c -> repository.list(c, productId)));
        }).runSubscriptionOn(workers);
    }

    /** One document of the product, with its indexing status. */
    public Uni<Document> get(String productId, String documentId) {
        return Uni.createFrom().item(() -> find(productId, documentId)).runSubscriptionOn(workers);
    }

    /**
     * Deletes the document and its passages, whatever its status (indexing stops when it notices); 404 when the
     * product has no such document.
     */
    public Uni<Void> delete(String productId, String documentId) {
        return Uni.createFrom().item(() -> {
            requireProduct(productId);
            UUID id = documentId(productId, documentId);
            // Deleted and announced to the other replicas in one commit: they drop it from their indexes.
            if (!database.inTransaction(c -> {
                boolean deleted = repository.delete(c, productId, id);
                if (deleted) {
                    changes.record(c, id, DocumentChangeRepository.DELETED);
                }
                return deleted;
            })) {
                throw noDocument(productId, documentId);
            }
            try {
                index.deleteDocument(id);
            } catch (Exception failure) {
                // The database no longer has the passages, so the index counts differ and the next start rebuilds it.
                LOG.errorf(failure, "Document %s was deleted but its passages stay in the search index until it is "
                        + "rebuilt", id);
            }
            return (Void) null;
        }).runSubscriptionOn(workers);
    }

    /** Whether the product has any document; blocking. */
    boolean hasDocuments(String productId) {
        return database.inTransaction(c -> repository.countDocuments(c, productId)) > 0;
    }

    /**
     * Stores and indexes the upload on the calling worker thread, for callers that need it searchable before they
     * go on (the demo knowledge base); the document as it ended up.
     */
    Document addAndIndexNow(String productId, Upload upload) {
        Added added = store(productId, upload);
        if (added.outcome() == Outcome.ACCEPTED) {
            indexer.indexNow(added.document().id());
        }
        return find(productId, added.document().id().toString());
    }

    /** Checks, reads and cuts the upload, and commits the document with its passages (not embedded yet). */
    Added store(String productId, Upload upload) {
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
        String sha256 = sha256(bytes);
        Optional<DocumentRepository.Existing> same = database.inTransaction(
                c -> repository.findBySha256(c, productId, sha256));
        if (same.isPresent() && same.get().status() != DocumentStatus.FAILED) {
            DocumentRepository.Existing existing = same.get();
            if (existing.source().equals(source)) {
                return new Added(find(productId, existing.id().toString()), Outcome.REPLAYED);
            }
            throw new ProblemException(Problem.of(409, "Conflict", "The product '" + productId + "' already has "
                    + "this exact document as '" + existing.source() + "' (id " + existing.id() + ", "
                    + existing.status().wire() + "); delete it first to upload it under another name"));
        }
        ExtractedText extracted = format == DocumentFormat.PDF ? PdfExtractor.extract(source, bytes)
                : TextExtractor.extract(source, bytes);
        List<Chunk> chunks = chunker.chunk(extracted, format);
        if (chunks.isEmpty()) {
            throw Rejections.badDocument("The file '" + source + "' has no text to search");
        }
        UUID documentId = Ids.next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Passage> passages = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            passages.add(new Passage(Ids.next(), documentId, productId, source, i, chunk.page(),
                    chunk.start(), chunk.end(), chunk.text(), null));
        }
        DocumentRepository.NewDocument row = new DocumentRepository.NewDocument(documentId, productId, source,
                format.mediaType(), bytes.length, sha256, extracted.pageCount(), passages.size(), now);
        database.inTransaction(c -> {
            // A retry of an upload that failed to index replaces it rather than sitting beside it.
            if (same.isPresent()) {
                repository.delete(c, productId, same.get().id());
            }
            repository.insert(c, row, passages);
            // Leased to this replica from the start: no other replica's take-over round picks it up meanwhile.
            repository.leaseIndexing(c, documentId, DocumentChangeRepository.ORIGIN, now, now.plus(indexingLease));
            return null;
        });
        LOG.infof("Stored %s in the knowledge base of %s: %d passages, indexing", source, productId, passages.size());
        return new Added(new Document(documentId, productId, source, DocumentStatus.INDEXING, format.mediaType(),
                extracted.pageCount(), passages.size(), 0, bytes.length, now, null), Outcome.ACCEPTED);
    }

    private Document find(String productId, String documentId) {
        requireProduct(productId);
        UUID id = documentId(productId, documentId);
        return database.inTransaction(c -> repository.find(c, productId, id))
                .orElseThrow(() -> noDocument(productId, documentId));
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
