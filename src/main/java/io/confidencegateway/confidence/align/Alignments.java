package io.confidencegateway.confidence.align;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.text.AnalyzedSentence;

/**
 * The token alignment of a scored answer, computed once and shared by the signals that read it (the scorer runs
 * them one after another on the same context). The answer's sentences are embedded as one text, so that each
 * token's vector has the whole answer as context and a token maps to its sentence by position; the passages' vectors
 * come from {@link PassageTokenCache}. Empty when there is nothing to align (no passage, no answer sentence) or the
 * model cannot run: a signal that cannot be computed is left out, it never fails an answer.
 */
public final class Alignments {

    /**
     * Cosine below which an answer word has no close match in any passage. Picked on the RAGTruth QA training set
     * (bench/align-measure.sh --sweep): the share and the count of unmatched words separate the labels best between
     * 0.60 and 0.75 (AUROC within 0.01 across that range), lower thresholds miss invented words, and 0.65 flags the
     * fewest words of faithful answers within that range.
     */
    public static final double CLOSE_MATCH = 0.65;

    private static final Logger LOG = Logger.getLogger(Alignments.class);
    private static final int RECENT = 32;

    private static final Map<List<String>, Optional<TokenAlignment.Result>> RECENT_RESULTS = new LinkedHashMap<>(
            RECENT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, Optional<TokenAlignment.Result>> eldest) {
            return size() > RECENT;
        }
    };

    private Alignments() {
    }

    /** The alignment of the context's answer with its passages. */
    public static Optional<TokenAlignment.Result> of(ScoringContext context) {
        List<String> key = new ArrayList<>(context.passages().size() + 1);
        key.add(context.answer());
        context.passages().forEach(p -> key.add(p.text()));
        synchronized (RECENT_RESULTS) {
            Optional<TokenAlignment.Result> known = RECENT_RESULTS.get(key);
            if (known != null) {
                return known;
            }
        }
        Optional<TokenAlignment.Result> result = compute(context, TokenEmbedder.shared(), PassageTokenCache.shared());
        synchronized (RECENT_RESULTS) {
            RECENT_RESULTS.put(key, result);
        }
        return result;
    }

    static Optional<TokenAlignment.Result> compute(ScoringContext context, TokenEmbedder embedder,
            PassageTokenCache passages) {
        List<AnalyzedSentence> sentences = context.answerText().sentences();
        if (sentences.isEmpty() || context.passages().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder joined = new StringBuilder();
        int[] starts = new int[sentences.size()];
        for (int s = 0; s < sentences.size(); s++) {
            if (s > 0) {
                joined.append(' ');
            }
            starts[s] = joined.length();
            joined.append(sentences.get(s).text());
        }
        try {
            TokenVectors answer = embedder.embed(joined.toString());
            List<TokenVectors> passageVectors = context.passages().stream().map(p -> passages.of(p.text())).toList();
            TokenAlignment.Result result = TokenAlignment.align(answer, starts, passageVectors, TokenWeights::of,
                    CLOSE_MATCH);
            return result.contentWords() == 0 ? Optional.empty() : Optional.of(result);
        } catch (RuntimeException failure) {
            LOG.warn("token alignment skipped", failure);
            return Optional.empty();
        }
    }
}
