package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.jboss.logging.Logger;

import io.confidencegateway.store.StoreConfig;

/**
 * The passage index in Lucene under {@code ${gateway.data-dir}/index}: passage text analysed for BM25 (English
 * stemming and stop words) and a 384-dimension HNSW vector field with cosine similarity, both filtered by product.
 * Every write is committed and visible before it returns; writes are serialised, searches run concurrently. Each
 * commit carries, as Lucene commit user data, the change feed number the index reflects every change up to, so
 * that a restarted replica knows where to resume (see {@link CatchUpPolicy}).
 */
@Singleton
class LucenePassageIndex implements PassageIndex {

    private static final Logger LOG = Logger.getLogger(LucenePassageIndex.class);
    private static final String ID = "id";
    private static final String DOCUMENT = "document_id";
    private static final String PRODUCT = "product_id";
    private static final String SOURCE = "source";
    private static final String PAGE = "page";
    private static final String START = "char_start";
    private static final String END = "char_end";
    private static final String TEXT = "text";
    private static final String VECTOR = "vector";
    /** Commit user data: the change feed number the committed index reflects every change up to. */
    private static final String CHANGE_WATERMARK = "change_watermark";

    private final Path path;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ReentrantLock writes = new ReentrantLock();
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;

    @Inject
    LucenePassageIndex(StoreConfig config) {
        this(Path.of(config.dataDir(), "index"));
    }

    LucenePassageIndex(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    @Override
    public void add(List<Passage> passages) throws IOException {
        write(w -> {
            for (Passage passage : passages) {
                w.updateDocument(new Term(ID, passage.id().toString()), document(passage));
            }
        });
    }

    @Override
    public void addAll(Consumer<Consumer<Passage>> source) throws IOException {
        write(w -> source.accept(passage -> {
            try {
                w.updateDocument(new Term(ID, passage.id().toString()), document(passage));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }));
    }

    @Override
    public void deleteDocument(UUID documentId) throws IOException {
        write(w -> w.deleteDocuments(new Term(DOCUMENT, documentId.toString())));
    }

    @Override
    public void replaceAll(long changeWatermark, Consumer<Consumer<Passage>> source) throws IOException {
        write(w -> {
            w.deleteAll();
            source.accept(passage -> {
                try {
                    w.addDocument(document(passage));
                } catch (IOException failure) {
                    throw new UncheckedIOException(failure);
                }
            });
            w.setLiveCommitData(watermarkData(changeWatermark));
        });
    }

    @Override
    public OptionalLong changeWatermark() throws IOException {
        writes.lock();
        try {
            open();
            Iterable<Map.Entry<String, String>> data;
            synchronized (this) {
                // Every write commits before the lock is released, so the live data is the last commit's.
                data = writer.getLiveCommitData();
            }
            if (data != null) {
                for (Map.Entry<String, String> entry : data) {
                    if (CHANGE_WATERMARK.equals(entry.getKey())) {
                        return OptionalLong.of(Long.parseLong(entry.getValue()));
                    }
                }
            }
            return OptionalLong.empty();
        } finally {
            writes.unlock();
        }
    }

    @Override
    public void recordChangeWatermark(long changeWatermark) throws IOException {
        write(w -> w.setLiveCommitData(watermarkData(changeWatermark)));
    }

    private static Iterable<Map.Entry<String, String>> watermarkData(long changeWatermark) {
        return Map.of(CHANGE_WATERMARK, Long.toString(changeWatermark)).entrySet();
    }

    @Override
    public List<Hit> keyword(String productId, String query, int n) throws IOException {
        Query words = new QueryBuilder(analyzer).createBooleanQuery(TEXT, query, BooleanClause.Occur.SHOULD);
        if (words == null) {
            return List.of();
        }
        Query filtered = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(PRODUCT, productId)), BooleanClause.Occur.FILTER).build();
        return search(filtered, n);
    }

    @Override
    public List<Hit> nearest(String productId, float[] vector, int n) throws IOException {
        return search(new KnnFloatVectorQuery(VECTOR, vector, n, new TermQuery(new Term(PRODUCT, productId))), n);
    }

    @Override
    public long size() throws IOException {
        SearcherManager manager = open();
        manager.maybeRefreshBlocking();
        IndexSearcher searcher = manager.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            manager.release(searcher);
        }
    }

    /** Opens the index, creating it when missing and starting empty when it is unreadable (to be rebuilt). */
    synchronized SearcherManager open() throws IOException {
        if (searchers != null) {
            return searchers;
        }
        Files.createDirectories(path);
        directory = FSDirectory.open(path);
        try {
            writer = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        } catch (IndexNotFoundException | org.apache.lucene.index.CorruptIndexException
                | org.apache.lucene.index.IndexFormatTooOldException
                | org.apache.lucene.index.IndexFormatTooNewException unreadable) {
            LOG.warnf("The search index at %s is unreadable (%s); starting it empty, to be rebuilt from the database",
                    path, unreadable.toString());
            writer = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE));
        }
        searchers = new SearcherManager(writer, null);
        return searchers;
    }

    /** Closes the index; the next call opens it again. */
    @PreDestroy
    synchronized void close() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException failure) {
            LOG.warn("Closing the search index failed", failure);
        } finally {
            searchers = null;
            writer = null;
            directory = null;
        }
    }

    private interface WriteWork {
        void run(IndexWriter writer) throws IOException;
    }

    private void write(WriteWork work) throws IOException {
        writes.lock();
        try {
            SearcherManager manager = open();
            IndexWriter current;
            synchronized (this) {
                current = writer;
            }
            try {
                work.run(current);
                current.commit();
            } catch (IOException | RuntimeException failure) {
                discardUncommitted();
                throw failure;
            }
            manager.maybeRefreshBlocking();
        } finally {
            writes.unlock();
        }
    }

    /** Back to the last commit: Lucene's rollback closes the writer, so the index is opened again on next use. */
    private synchronized void discardUncommitted() {
        try {
            writer.rollback();
        } catch (IOException | RuntimeException failure) {
            LOG.warn("Rolling back the search index failed", failure);
        }
        writer = null;
        close();
    }

    private List<Hit> search(Query query, int n) throws IOException {
        SearcherManager manager = open();
        IndexSearcher searcher = manager.acquire();
        try {
            ScoreDoc[] docs = searcher.search(query, n).scoreDocs;
            StoredFields stored = searcher.storedFields();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            List<Hit> hits = new ArrayList<>(docs.length);
            for (ScoreDoc doc : docs) {
                org.apache.lucene.document.Document fields = stored.document(doc.doc);
                Number page = fields.getField(PAGE) == null ? null : fields.getField(PAGE).numericValue();
                hits.add(new Hit(fields.get(ID), fields.get(DOCUMENT), fields.get(SOURCE),
                        page == null ? null : page.intValue(), fields.getField(START).numericValue().intValue(),
                        fields.getField(END).numericValue().intValue(), fields.get(TEXT),
                        vectorOf(leaves, doc.doc)));
            }
            return hits;
        } finally {
            manager.release(searcher);
        }
    }

    private static float[] vectorOf(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        int local = doc - leaf.docBase;
        if (values == null || values.advance(local) != local) {
            return new float[0];
        }
        return values.vectorValue().clone();
    }

    private org.apache.lucene.document.Document document(Passage passage) {
        org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
        doc.add(new StringField(ID, passage.id().toString(), Field.Store.YES));
        doc.add(new StringField(DOCUMENT, passage.documentId().toString(), Field.Store.YES));
        doc.add(new StringField(PRODUCT, passage.productId(), Field.Store.NO));
        doc.add(new StoredField(SOURCE, passage.source()));
        if (passage.page() != null) {
            doc.add(new StoredField(PAGE, passage.page()));
        }
        doc.add(new StoredField(START, passage.charStart()));
        doc.add(new StoredField(END, passage.charEnd()));
        doc.add(new TextField(TEXT, passage.text(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, passage.embedding(), VectorSimilarityFunction.COSINE));
        return doc;
    }

    private IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(analyzer).setOpenMode(mode);
    }
}
