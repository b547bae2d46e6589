package io.confidencegateway.access;

/**
 * A key's token or budget limit stopped a model call before it was made: a 429 whose {@code code} is
 * {@code rate_limit_exceeded} (tokens per minute) or {@code budget_exceeded}, with the seconds until the window
 * that refused it ends.
 */
public final class LimitExceeded extends RuntimeException {

    private final String code;
    private final long retryAfterSeconds;

    public LimitExceeded(String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** {@code rate_limit_exceeded} or {@code budget_exceeded}. */
    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
