package io.confidencegateway.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each ranking gives an item {@code 1 / (k + rank)}
 * and the sums decide. It needs no score calibration between BM25 and cosine similarity, which live on different
 * scales; {@code k = 60} damps the weight of the very top ranks as in the paper.
 */
final class ReciprocalRankFusion {

    /** The constant of the paper. */
    static final int K = 60;

    /** An item and its fused score. */
    record Fused(String id, double score) {
    }

    private ReciprocalRankFusion() {
    }

    /** Items of all rankings (each best first) by fused score, best first; ties keep first-seen order. */
    static List<Fused> fuse(List<List<String>> rankings, int k) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<String> ranking : rankings) {
            for (int rank = 1; rank <= ranking.size(); rank++) {
                scores.merge(ranking.get(rank - 1), 1.0 / (k + rank), Double::sum);
            }
        }
        List<Fused> fused = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> fused.add(new Fused(id, score)));
        fused.sort(Comparator.comparingDouble(Fused::score).reversed());
        return fused;
    }
}
