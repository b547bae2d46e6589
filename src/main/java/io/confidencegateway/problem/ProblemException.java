package io.confidencegateway.problem;

/** Thrown by resources and services to answer with a problem detail. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Long retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 503 that tells the client when to try again ({@code Retry-After}, whole seconds, at least 1). */
    public static ProblemException unavailable(String detail, java.time.Duration retryAfter) {
        return new ProblemException(Problem.of(503, "Service Unavailable", detail),
                Math.max(1, retryAfter.toSeconds()));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not Found", detail));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "Bad Request", detail));
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds for a {@code Retry-After} header, or null for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
