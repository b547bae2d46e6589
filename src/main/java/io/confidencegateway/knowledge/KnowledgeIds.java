package io.confidencegateway.knowledge;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7) for documents and passages. Its own copy rather than inference's, because
 * inference depends on knowledge (retrieval) and the dependency must not run both ways.
 */
final class KnowledgeIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KnowledgeIds() {
    }

    static UUID next() {
        long millis = System.currentTimeMillis();
        long most = (millis << 16) | 0x7000L | (RANDOM.nextLong() & 0x0FFFL);
        long least = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
