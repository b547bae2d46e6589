package io.confidencegateway.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A per-provider circuit breaker: after {@code failureThreshold} consecutive failures it opens and the provider
 * is skipped for {@code openFor}; then it half-opens and lets one trial call through, which closes it on success
 * or opens it again on failure. It is driven explicitly ({@link #tryAcquire}, {@link #onSuccess},
 * {@link #onFailure}) rather than by wrapping a call, because a stream succeeds at its first chunk, not at its end.
 */
public final class CircuitBreaker {

    /** The breaker's state, as health and metrics show it. */
    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go to the provider now; in half-open state only one trial call at a time. */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.CLOSED) {
            return true;
        }
        if (state == State.HALF_OPEN && !trialInFlight) {
            trialInFlight = true;
            return true;
        }
        return false;
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
        trialInFlight = false;
    }

    /** A call that was given up (the client left) counts neither way, but frees the half-open trial slot. */
    public synchronized void onAbandoned() {
        trialInFlight = false;
    }

    /** The state now (an open breaker whose time is up reports half-open). */
    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
