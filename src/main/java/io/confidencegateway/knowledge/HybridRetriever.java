package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Hybrid retrieval: BM25 keyword search and MiniLM vector search over the product's passages, each contributing
 * its top candidates, fused by reciprocal rank. Keywords catch exact terms (plan names, error codes, "2FA"); vectors
 * catch paraphrases ("get my money back" for a refund). Embedding and search run on a worker thread.
 */
@ApplicationScoped
public class HybridRetriever implements Retriever {

    private final PassageIndex index;
    private final PassageEmbedder embedder;
    private final int candidates;
    private final Executor workers = Infrastructure.getDefaultWorkerPool();

    HybridRetriever(PassageIndex index, PassageEmbedder embedder, KnowledgeConfig config) {
        this.index = index;
        this.embedder = embedder;
        this.candidates = config.candidates();
    }

    @Override
    public Uni<List<RetrievedPassage>> retrieve(String productId, String query, int k) {
        if (query == null || query.isBlank() || k <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(() -> retrieveNow(productId, query, k)).runSubscriptionOn(workers);
    }

    /** The blocking retrieval, for callers already on a worker thread. */
    public List<RetrievedPassage> retrieveNow(String productId, String query, int k) {
        try {
            int n = Math.max(candidates, k);
            List<PassageIndex.Hit> keyword = index.keyword(productId, query, n);
            float[] question = embedder.embed(query);
            List<PassageIndex.Hit> nearest = index.nearest(productId, question, n);
            Map<String, PassageIndex.Hit> byId = new HashMap<>();
            Map<String, Integer> lexicalRank = new HashMap<>();
            for (int i = 0; i < keyword.size(); i++) {
                byId.put(keyword.get(i).passageId(), keyword.get(i));
                lexicalRank.put(keyword.get(i).passageId(), i + 1);
            }
            nearest.forEach(hit -> byId.putIfAbsent(hit.passageId(), hit));
            List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(List.of(
                    keyword.stream().map(PassageIndex.Hit::passageId).toList(),
                    nearest.stream().map(PassageIndex.Hit::passageId).toList()), ReciprocalRankFusion.K);
            return fused.stream().limit(k).map(f -> {
                PassageIndex.Hit hit = byId.get(f.id());
                return new RetrievedPassage(hit.passageId(), hit.documentId(), hit.source(), hit.page(),
                        hit.charStart(), hit.charEnd(), hit.text(), f.score(), lexicalRank.getOrDefault(f.id(), 0),
                        cosine(question, hit.embedding()));
            }).toList();
        } catch (IOException failure) {
            throw new UncheckedIOException("searching the knowledge base failed", failure);
        }
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            return 0;
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }
}
