package io.confidencegateway.review;

import java.time.Duration;
import java.time.Instant;

/**
 * How many deliveries a replica may claim and whether a claimed one may still be sent. A replica claims only as many
 * as it can send at once ({@code gateway.webhook-outbox.max-in-flight}), so no claimed delivery waits behind others
 * while its lease runs out and it is claimed again; and a send starts only if it ends, timeout included, before the
 * lease does, so no other claimer can be sending the same delivery meanwhile.
 */
final class WebhookSendPolicy {

    /** Time left after a send's timeout for recording its outcome before the lease ends. */
    static final Duration RECORD_MARGIN = Duration.ofMillis(500);

    private final int maxInFlight;
    private final Duration sendTimeout;

    WebhookSendPolicy(int maxInFlight, Duration sendTimeout, Duration claimLease) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("gateway.webhook-outbox.max-in-flight must be at least 1, not "
                    + maxInFlight);
        }
        if (claimLease.compareTo(sendTimeout.plus(RECORD_MARGIN)) <= 0) {
            throw new IllegalArgumentException("gateway.webhook-outbox.claim-lease (" + claimLease
                    + ") must be more than gateway.review.webhook-timeout (" + sendTimeout + ") plus "
                    + RECORD_MARGIN.toMillis() + " ms, or a slow receiver is sent the same event twice");
        }
        this.maxInFlight = maxInFlight;
        this.sendTimeout = sendTimeout;
    }

    /** How many deliveries to claim now: the batch, or fewer when only that many sends may start; never negative. */
    int toClaim(int batch, int inFlight) {
        return Math.max(0, Math.min(batch, maxInFlight - inFlight));
    }

    /** Whether a send starting now ends, and is recorded, before the claim that allows it runs out. */
    boolean sendable(Instant now, Instant claimedUntil) {
        return !now.plus(sendTimeout).plus(RECORD_MARGIN).isAfter(claimedUntil);
    }

    int maxInFlight() {
        return maxInFlight;
    }
}
