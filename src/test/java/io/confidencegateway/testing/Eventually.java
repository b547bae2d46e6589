package io.confidencegateway.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls something asynchronous until it satisfies a condition, for at most a bounded wait. */
public final class Eventually {

    private Eventually() {
    }

    /** Reads until {@code done} holds or {@code wait} is over; returns the last value read (assert on it). */
    public static <T> T read(Supplier<T> read, Predicate<T> done, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = read.get();
        }
        return value;
    }
}
