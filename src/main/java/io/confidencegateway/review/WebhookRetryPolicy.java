package io.confidencegateway.review;

import java.time.Duration;
import java.time.Instant;

/**
 * What becomes of a webhook delivery after an attempt: delivered on a 2xx; retried after an exponentially growing
 * wait (the first wait, then times the multiplier each attempt, never above the cap) on a network error (status 0),
 * a 408, a 429 or a 5xx; given up after the last allowed attempt, or at once on any other status (the receiver
 * refuses it, and asking again will not change its mind). Pure: no clock, no I/O.
 */
public final class WebhookRetryPolicy {

    /** The decision after one attempt. */
    public sealed interface Outcome {
    }

    /** The receiver took it. */
    public record Delivered() implements Outcome {
    }

    /** Try again at {@code at}. */
    public record Retry(Instant at) implements Outcome {
    }

    /** No more attempts; {@code why} says so in words for the log and the outbox row. */
    public record GiveUp(String why) implements Outcome {
    }

    private final int maxAttempts;
    private final Duration firstWait;
    private final double multiplier;
    private final Duration maxWait;

    public WebhookRetryPolicy(int maxAttempts, Duration firstWait, double multiplier, Duration maxWait) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1; got " + maxAttempts);
        }
        if (firstWait.isNegative() || firstWait.isZero()) {
            throw new IllegalArgumentException("the first wait must be positive; got " + firstWait);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("the multiplier must be at least 1; got " + multiplier);
        }
        if (maxWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("the longest wait (" + maxWait + ") must not be shorter than the "
                    + "first (" + firstWait + ")");
        }
        this.maxAttempts = maxAttempts;
        this.firstWait = firstWait;
        this.multiplier = multiplier;
        this.maxWait = maxWait;
    }

    /**
     * The decision after attempt number {@code attempt} (1 for the first) ended with the HTTP status (0: no response,
     * e.g. refused, reset or timed out) at {@code now}.
     */
    public Outcome after(int attempt, int status, Instant now) {
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        String what = status == 0 ? "no response" : "HTTP " + status;
        if (!retryable(status)) {
            return new GiveUp(what + ", which is not retried, after " + attempts(attempt));
        }
        if (attempt >= maxAttempts) {
            return new GiveUp(what + " after " + attempts(attempt) + ", the most allowed");
        }
        return new Retry(now.plus(waitAfter(attempt)));
    }

    /** The wait after attempt number {@code attempt} failed: first wait × multiplier^(attempt − 1), capped. */
    public Duration waitAfter(int attempt) {
        double millis = firstWait.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= maxWait.toMillis() ? maxWait : Duration.ofMillis((long) millis);
    }

    /** A network error, 408, 429 or 5xx: the receiver may take it later. */
    static boolean retryable(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    private static String attempts(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }
}
