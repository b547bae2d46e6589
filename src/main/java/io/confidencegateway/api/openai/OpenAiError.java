package io.confidencegateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.confidencegateway.inference.GatewayError;
import io.confidencegateway.provider.ProviderFailure;

/**
 * An error in the shape OpenAI SDKs parse: {@code {"error": {"message", "type", "param", "code"}}}, with the
 * HTTP status it goes out with.
 */
public record OpenAiError(@JsonInclude(JsonInclude.Include.ALWAYS) Body error) {

    /** The inner object. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String message, String type, String param, String code) {
    }

    /** An error, its status, and for a 429 the seconds to wait before retrying. */
    public record WithStatus(int status, OpenAiError body, Long retryAfterSeconds) {
        public WithStatus(int status, OpenAiError body) {
            this(status, body, null);
        }
    }

    public static WithStatus invalid(String param, String message) {
        return new WithStatus(400, new OpenAiError(new Body(message, "invalid_request_error", param, "invalid_value")));
    }

    public static WithStatus of(GatewayError error) {
        if (error instanceof GatewayError.InvalidRequest invalid) {
            return invalid(invalid.param(), invalid.message());
        }
        if (error instanceof GatewayError.UnknownModel) {
            return new WithStatus(404, new OpenAiError(new Body(error.message(), "invalid_request_error", "model",
                    "model_not_found")));
        }
        if (error instanceof GatewayError.Unsupported unsupported) {
            return new WithStatus(400, new OpenAiError(new Body(error.message(), "invalid_request_error",
                    unsupported.param(), "unsupported_parameter")));
        }
        return new WithStatus(503, new OpenAiError(new Body(error.message(), "server_error", "model",
                "provider_not_configured")));
    }

    public static WithStatus of(ProviderFailure failure) {
        ProviderFailure decisive = failure instanceof ProviderFailure.Exhausted exhausted && exhausted.last() != null
                ? exhausted.last() : failure;
        int status = failure.httpStatus();
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            default -> "server_error";
        };
        String code = status == 429 ? "rate_limit_exceeded" : decisive.kind();
        Long retryAfter = decisive instanceof ProviderFailure.RateLimited limited
                ? limited.retryAfter().map(wait -> Math.max(1, (wait.toMillis() + 999) / 1000)).orElse(null)
                : null;
        return new WithStatus(status, new OpenAiError(new Body(failure.message(), type, null, code)), retryAfter);
    }

    /** A problem raised by the product pipeline (unknown product, empty question…), in OpenAI's shape. */
    public static WithStatus of(io.confidencegateway.problem.Problem problem) {
        String code = problem.status() == 404 ? "product_not_found" : "invalid_value";
        String param = problem.errors() == null || problem.errors().isEmpty() ? null
                : problem.errors().get(0).field();
        return new WithStatus(problem.status(), new OpenAiError(new Body(problem.detail(),
                problem.status() >= 500 ? "server_error" : "invalid_request_error", param, code)));
    }

    /** Any problem on the OpenAI-compatible paths (unknown path, wrong Accept…), in OpenAI's shape. */
    public static OpenAiError ofStatus(io.confidencegateway.problem.Problem problem) {
        String code = switch (problem.status()) {
            case 400 -> "invalid_value";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            default -> problem.status() >= 500 ? "internal_error" : "invalid_request";
        };
        String param = problem.errors() == null || problem.errors().isEmpty() ? null
                : problem.errors().get(0).field();
        return new OpenAiError(new Body(problem.detail(), problem.status() >= 500 ? "server_error"
                : "invalid_request_error", param, code));
    }

    public static WithStatus internal() {
        return new WithStatus(500, new OpenAiError(new Body("The gateway failed unexpectedly; the error is logged. "
                + "Retry, and report it if it persists.", "server_error", null, "internal_error")));
    }
}
