package io.confidencegateway.confidence;

import java.util.LinkedHashMap;
import java.util.Map;

import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.TextAnalyzer;

/**
 * Sentence analyses of passages, kept for reuse: a knowledge base's passages are scored against answer after answer,
 * and analysing five passages took most of the scoring time of a product answer (#7). Only passage-sized texts are
 * kept (knowledge-base passages are ~700 characters, about 13 kB of analysis): {@code /v1/score} accepts passages of
 * 20,000 characters (~300 kB each), which are analysed per call and never kept, so the cache stays under ~10 MB.
 * Least recently used analyses are dropped beyond {@link #CAPACITY}. {@link AnalyzedText} is immutable, so one
 * instance serves every caller.
 */
final class PassageAnalyses {

    static final int CAPACITY = 256;
    /** Longer texts are analysed every time. */
    static final int MAX_CHARS = 2_000;

    private static final Map<String, AnalyzedText> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AnalyzedText> eldest) {
            return size() > CAPACITY;
        }
    };

    private PassageAnalyses() {
    }

    static AnalyzedText of(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return TextAnalyzer.analyze(text);
        }
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
