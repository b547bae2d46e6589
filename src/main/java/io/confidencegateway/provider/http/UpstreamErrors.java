package io.confidencegateway.provider.http;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ProviderFailure;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClosedException;

/** Maps upstream HTTP statuses, error bodies and I/O exceptions to {@link ProviderFailure}s. */
public final class UpstreamErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private UpstreamErrors() {
    }

    /** The failure for a non-2xx upstream answer, with the vendor's own message when its body has one. */
    public static ProviderFailure fromStatus(String provider, int status, MultiMap headers, String body) {
        String detail = messageOf(body);
        if (status == 429) {
            return new ProviderFailure.RateLimited(provider, retryAfter(headers), detail);
        }
        if (status >= 500) {
            return new ProviderFailure.ServerError(provider, status, detail);
        }
        if (status >= 400) {
            return new ProviderFailure.Rejected(provider, status, status == 401 || status == 403 ? "" : detail);
        }
        return new ProviderFailure.MalformedResponse(provider, "unexpected HTTP " + status);
    }

    /** The failure for an I/O problem; {@code streaming} says whether part of a stream had arrived. */
    public static ProviderFailure fromThrowable(String provider, Throwable error, boolean streaming) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof ConnectException || cause instanceof TimeoutException) {
                break;
            }
            cause = cause.getCause();
        }
        if (error instanceof io.netty.channel.ConnectTimeoutException
                || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new ProviderFailure.ConnectFailed(provider, "connect timeout");
        }
        if (cause instanceof ConnectException) {
            return new ProviderFailure.ConnectFailed(provider, "connection refused");
        }
        if (cause instanceof UnknownHostException) {
            return new ProviderFailure.ConnectFailed(provider, "unknown host");
        }
        if (cause instanceof SSLException) {
            return new ProviderFailure.ConnectFailed(provider, "TLS handshake failed");
        }
        if (cause instanceof TimeoutException) {
            return new ProviderFailure.ConnectFailed(provider, "timed out");
        }
        if (streaming) {
            return new ProviderFailure.StreamInterrupted(provider, error instanceof HttpClosedException
                    ? "connection closed before the end of the stream" : shorten(String.valueOf(error.getMessage())));
        }
        if (error instanceof HttpClosedException) {
            return new ProviderFailure.ConnectFailed(provider, "connection closed before the answer was complete");
        }
        return new ProviderFailure.ConnectFailed(provider, shorten(String.valueOf(error.getMessage())));
    }

    /** The vendor's error message from the common error body shapes, or a short excerpt of the body. */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            if (error.isTextual()) {
                return shorten(error.asText());
            }
            if (error.path("message").isTextual()) {
                return shorten(error.get("message").asText());
            }
            if (root.path("message").isTextual()) {
                return shorten(root.get("message").asText());
            }
            if (root.path("detail").isTextual()) {
                return shorten(root.get("detail").asText());
            }
        } catch (Exception notJson) {
            // fall through to the raw excerpt
        }
        return shorten(body.strip());
    }

    /** Retry-After in seconds or as an HTTP date, or OpenAI's {@code retry-after-ms}. */
    static Optional<Duration> retryAfter(MultiMap headers) {
        if (headers == null) {
            return Optional.empty();
        }
        String millis = headers.get("retry-after-ms");
        if (millis != null) {
            try {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(millis.trim())));
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        String value = headers.get("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }
}
