package io.confidencegateway.provider;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Why a provider call failed, as a closed set of kinds the gateway maps to client errors, metrics and
 * (later) failover decisions. Messages are safe to show a client: they never carry keys or upstream stack traces.
 */
public sealed interface ProviderFailure {

    /** The provider that failed. */
    String providerId();

    /** A one-line explanation for the client and the logs. */
    String message();

    /** A short, low-cardinality name for metrics and records ({@code timeout}, {@code rate_limited}…). */
    String kind();

    /**
     * The HTTP status a caller gets when this failure ends its request: the statuses OpenAI's SDKs understand
     * (429 retried after {@code Retry-After}, 503/504 as transient, 400 when the caller's request was at fault).
     */
    default int httpStatus() {
        if (this instanceof Exhausted exhausted) {
            return exhausted.last() == null ? 503 : exhausted.last().httpStatus();
        }
        if (this instanceof Timeout) {
            return 504;
        }
        if (this instanceof ConnectFailed || this instanceof OutOfRegion) {
            return 503;
        }
        if (this instanceof RateLimited) {
            return 429;
        }
        if (this instanceof ServerError server) {
            return server.status() == 503 || server.status() == 504 ? server.status() : 502;
        }
        if (this instanceof Rejected rejected) {
            return rejected.callerAtFault() ? 400 : 502;
        }
        return 502;
    }

    /**
     * The same failure with the text that came from upstream (the vendor's message, an exception's text) passed
     * through {@code scrub}, which takes out anything key-like before the failure is shown, logged or stored.
     */
    ProviderFailure scrubbed(UnaryOperator<String> scrub);

    /** No answer (or no next chunk) within the configured time. */
    record Timeout(String providerId, Duration after, String phase) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return this;
        }

        public String message() {
            return "provider '" + providerId + "' did not answer within " + after.toMillis() + " ms (" + phase + ")";
        }

        public String kind() {
            return "timeout";
        }
    }

    /** The upstream could not be reached (connection refused, DNS, TLS, connect timeout). */
    record ConnectFailed(String providerId, String detail) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return new ConnectFailed(providerId, scrub.apply(detail));
        }

        public String message() {
            return "provider '" + providerId + "' is unreachable: " + detail;
        }

        public String kind() {
            return "connect_failed";
        }
    }

    /** HTTP 429 from the upstream, with its Retry-After when it sent one. */
    record RateLimited(String providerId, Optional<Duration> retryAfter, String detail) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return new RateLimited(providerId, retryAfter, scrub.apply(detail));
        }

        public String message() {
            return "provider '" + providerId + "' is rate limiting the gateway" + (detail.isBlank() ? "" : ": " + detail);
        }

        public String kind() {
            return "rate_limited";
        }
    }

    /** HTTP 5xx from the upstream. */
    record ServerError(String providerId, int status, String detail) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return new ServerError(providerId, status, scrub.apply(detail));
        }

        public String message() {
            return "provider '" + providerId + "' failed with HTTP " + status + (detail.isBlank() ? "" : ": " + detail);
        }

        public String kind() {
            return "server_error";
        }
    }

    /**
     * HTTP 4xx (other than 429) from the upstream: the request was invalid for it, or the gateway's credentials
     * were refused (401/403), or the model or path does not exist there (404).
     */
    record Rejected(String providerId, int status, String detail) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return new Rejected(providerId, status, scrub.apply(detail));
        }

        public String message() {
            return switch (status) {
                case 401, 403 -> "provider '" + providerId + "' refused the gateway's credentials (HTTP " + status
                        + "); check gateway.providers." + providerId + ".api-key";
                case 404 -> "provider '" + providerId + "' answered HTTP 404; check gateway.providers." + providerId
                        + ".base-url and the upstream model name" + (detail.isBlank() ? "" : " (" + detail + ")");
                default -> "provider '" + providerId + "' rejected the request (HTTP " + status + ")"
                        + (detail.isBlank() ? "" : ": " + detail);
            };
        }

        public String kind() {
            return status == 401 || status == 403 ? "auth_rejected" : "rejected";
        }

        /** Whether the caller's request is at fault (as opposed to the gateway's configuration). */
        public boolean callerAtFault() {
            return status != 401 && status != 403 && status != 404;
        }
    }

    /** The upstream answered 2xx with a body the adapter cannot use (bad JSON, no choices). */
    record MalformedResponse(String providerId, String detail) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return new MalformedResponse(providerId, scrub.apply(detail));
        }

        public String message() {
            return "provider '" + providerId + "' sent an unusable response: " + detail;
        }

        public String kind() {
            return "malformed_response";
        }
    }

    /** A stream that started and then broke: connection cut, an error event, or no end marker. */
    record StreamInterrupted(String providerId, String detail) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return new StreamInterrupted(providerId, scrub.apply(detail));
        }

        public String message() {
            return "provider '" + providerId + "' stream was interrupted: " + detail;
        }

        public String kind() {
            return "stream_interrupted";
        }
    }

    /**
     * The provider was not called: it is outside the region the request's data must stay in (the product's
     * {@code data_residency}); {@code detail} names both.
     */
    record OutOfRegion(String providerId, String detail) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return this;
        }

        public String message() {
            return "provider '" + providerId + "' was not called: " + detail;
        }

        public String kind() {
            return "out_of_region";
        }
    }

    /** Every target of a route failed or was skipped; {@code last} is the last real failure, if any. */
    record Exhausted(java.util.List<Attempt> attempts, ProviderFailure last) implements ProviderFailure {
        public ProviderFailure scrubbed(UnaryOperator<String> scrub) {
            return new Exhausted(attempts.stream().map(a -> new Attempt(a.provider(), a.model(), a.outcome(),
                    scrub.apply(a.detail()), a.elapsedMs())).toList(), last == null ? null : last.scrubbed(scrub));
        }

        public String providerId() {
            return last == null ? "none" : last.providerId();
        }

        public String message() {
            var parts = new StringBuilder();
            for (Attempt attempt : attempts) {
                if (!parts.isEmpty()) {
                    parts.append("; ");
                }
                parts.append(attempt.provider()).append(':').append(attempt.model()).append(' ')
                        .append(attempt.outcome());
            }
            return "every provider failed (" + attempts.size() + " attempts: " + parts + ")"
                    + (last == null ? "" : "; last: " + last.message());
        }

        public String kind() {
            return "all_providers_failed";
        }
    }
}
