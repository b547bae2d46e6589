package io.confidencegateway.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Polls something asynchronous until it satisfies a condition, for at most a bounded wait (Awaitility). */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(25);

    private Eventually() {
    }

    /**
     * Reads until {@code done} holds or {@code wait} is over, and returns the value read last: the caller asserts on
     * it, so a timeout fails with what was actually seen rather than only "condition not met".
     */
    public static <T> T read(Supplier<T> read, Predicate<T> done, Duration wait) {
        try {
            return Awaitility.await().atMost(wait).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(read::get, done);
        } catch (ConditionTimeoutException timedOut) {
            return read.get();
        }
    }
}
