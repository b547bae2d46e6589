package io.confidencegateway.confidence;

import java.util.LinkedHashMap;
import java.util.Map;

import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.TextAnalyzer;

/**
 * Sentence analyses of passages, kept for reuse: a knowledge base's passages are scored against answer after answer,
 * and analysing five passages took most of the scoring time of a product answer (#7). Least recently used analyses
 * are dropped beyond {@link #CAPACITY} (an analysis is some tens of kilobytes). {@link AnalyzedText} is immutable,
 * so one instance serves every caller.
 */
final class PassageAnalyses {

    static final int CAPACITY = 512;

    private static final Map<String, AnalyzedText> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AnalyzedText> eldest) {
            return size() > CAPACITY;
        }
    };

    private PassageAnalyses() {
    }

    static AnalyzedText of(String text) {
        synchronized (CACHE) {
            AnalyzedText known = CACHE.get(text);
            if (known != null) {
                return known;
            }
        }
        // Analysed outside the lock: two threads may both analyse a new passage once, which is harmless.
        AnalyzedText analysed = TextAnalyzer.analyze(text);
        synchronized (CACHE) {
            CACHE.put(text, analysed);
        }
        return analysed;
    }
}
