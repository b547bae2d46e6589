package io.confidencegateway.confidence.align;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Token vectors of passages, kept for reuse: a knowledge base's passages are scored against answer after answer, and
 * embedding five passages costs several times what the answer's own tokens do. Least recently used texts are dropped
 * once the kept vectors exceed a token budget (each token is 384 floats, 1.5 kB: the default 16,384 tokens are about
 * 25 MB, some hundred knowledge-base passages). Texts longer than {@link #MAX_CHARS} ({@code /v1/score} accepts
 * passages of 20,000 characters) are embedded per call and never kept, so one request cannot empty the cache.
 * Thread-safe; the vectors are immutable, so one instance serves every caller.
 */
public final class PassageTokenCache {

    /** Longer texts are embedded every time. */
    public static final int MAX_CHARS = 2_000;
    static final int DEFAULT_TOKENS = 16_384;

    private static final PassageTokenCache SHARED = new PassageTokenCache(DEFAULT_TOKENS,
            TokenEmbedder.shared()::embed);

    private final int maxTokens;
    private final Function<String, TokenVectors> embed;
    private final LinkedHashMap<String, TokenVectors> entries = new LinkedHashMap<>(64, 0.75f, true);
    private int tokens;

    PassageTokenCache(int maxTokens, Function<String, TokenVectors> embed) {
        this.maxTokens = maxTokens;
        this.embed = embed;
    }

    /** The cache the signals share. */
    public static PassageTokenCache shared() {
        return SHARED;
    }

    /** The token vectors of a passage, embedded now unless they are kept. */
    public TokenVectors of(String text) {
        if (text.length() > MAX_CHARS) {
            return embed.apply(text);
        }
        synchronized (this) {
            TokenVectors known = entries.get(text);
            if (known != null) {
                return known;
            }
        }
        // Embedded outside the lock: two threads may both embed a new passage once, which is harmless.
        TokenVectors embedded = embed.apply(text);
        synchronized (this) {
            TokenVectors previous = entries.put(text, embedded);
            tokens += embedded.size() - (previous == null ? 0 : previous.size());
            var eldest = entries.entrySet().iterator();
            while (tokens > maxTokens && eldest.hasNext()) {
                Map.Entry<String, TokenVectors> dropped = eldest.next();
                if (dropped.getValue() == embedded) {
                    break;
                }
                tokens -= dropped.getValue().size();
                eldest.remove();
            }
        }
        return embedded;
    }

    /** Tokens kept now (for tests and metrics). */
    synchronized int keptTokens() {
        return tokens;
    }

    synchronized boolean holds(String text) {
        return entries.containsKey(text);
    }
}
