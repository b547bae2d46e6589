package io.confidencegateway.confidence.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PassageTokenCacheTest {

    /** A stand-in for the model: one 1-dimensional token per word, counting its calls. */
    private static final class CountingEmbedder {
        final AtomicInteger calls = new AtomicInteger();

        TokenVectors embed(String text) {
            calls.incrementAndGet();
            String[] words = text.split(" ");
            int n = words.length;
            int[] zeros = new int[n];
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1);
            return new TokenVectors(text, List.of(words), zeros, zeros.clone(), zeros.clone(), ones, 1);
        }
    }

    @Test
    void aPassageIsEmbeddedOnceAndTheSameVectorsServeTheNextAnswer() {
        CountingEmbedder model = new CountingEmbedder();
        PassageTokenCache cache = new PassageTokenCache(100, model::embed);

        TokenVectors first = cache.of("refunds take thirty days");
        TokenVectors second = cache.of("refunds take thirty days");

        assertThat(second).isSameAs(first);
        assertThat(model.calls).hasValue(1);
        assertThat(cache.keptTokens()).isEqualTo(4);
    }

    @Test
    void theLeastRecentlyUsedPassageGoesWhenTheTokenBudgetIsExceeded() {
        CountingEmbedder model = new CountingEmbedder();
        PassageTokenCache cache = new PassageTokenCache(8, model::embed);
        cache.of("a b c d");
        cache.of("e f g h");
        cache.of("a b c d"); // used again: "e f g h" is now the least recently used

        cache.of("i j k l");

        assertThat(cache.holds("a b c d")).isTrue();
        assertThat(cache.holds("e f g h")).isFalse();
        assertThat(cache.holds("i j k l")).isTrue();
        assertThat(cache.keptTokens()).isEqualTo(8);
    }

    @Test
    void exactlyTheBudgetIsKeptWholeAndOneTokenMoreDropsTheEldest() {
        CountingEmbedder model = new CountingEmbedder();
        PassageTokenCache cache = new PassageTokenCache(8, model::embed);
        cache.of("a b c d");
        cache.of("e f g h");

        assertThat(cache.holds("a b c d")).isTrue();

        cache.of("i");

        assertThat(cache.holds("a b c d")).isFalse();
        assertThat(cache.keptTokens()).isEqualTo(5);
    }

    @Test
    void aPassageLargerThanTheWholeBudgetIsStillReturnedAndKeptAlone() {
        CountingEmbedder model = new CountingEmbedder();
        PassageTokenCache cache = new PassageTokenCache(3, model::embed);
        cache.of("a b");

        TokenVectors big = cache.of("c d e f");

        assertThat(big.size()).isEqualTo(4);
        assertThat(cache.holds("a b")).isFalse();
        assertThat(cache.holds("c d e f")).isTrue();
    }

    @Test
    void aVeryLongScoredPassageIsEmbeddedPerCallAndNeverKept() {
        CountingEmbedder model = new CountingEmbedder();
        PassageTokenCache cache = new PassageTokenCache(1_000_000, model::embed);
        String exactlyMax = "x".repeat(PassageTokenCache.MAX_CHARS);
        String longer = exactlyMax + "y";

        cache.of(longer);
        cache.of(longer);
        cache.of(exactlyMax);
        cache.of(exactlyMax);

        assertThat(model.calls).hasValue(3);
        assertThat(cache.holds(longer)).isFalse();
        assertThat(cache.holds(exactlyMax)).isTrue();
    }

    @Test
    void concurrentReadersAllGetVectorsAndTheBudgetHolds() throws InterruptedException {
        CountingEmbedder model = new CountingEmbedder();
        PassageTokenCache cache = new PassageTokenCache(20, model::embed);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        String text = "p" + ((i + seed) % 12) + " b c";
                        assertThat(cache.of(text).text()).isEqualTo(text);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(cache.keptTokens()).isLessThanOrEqualTo(20);
    }
}
