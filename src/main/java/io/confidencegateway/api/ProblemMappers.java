package io.confidencegateway.api;

import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.problem.Problem;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.confidencegateway.api.openai.JsonErrors;
import io.confidencegateway.api.openai.OpenAiError;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every error outside the OpenAI surface leaves as {@code application/problem+json}: a 4xx that says what to
 * fix, or a 500 that says nothing internal (the cause is logged, without a stack trace in the response).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException exception, HttpServerRequest request) {
        Response response = respond(exception.problem(), request);
        if (exception.retryAfterSeconds() != null) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(exception.retryAfterSeconds()));
        }
        return response;
    }

    @ServerExceptionMapper
    public Response providerFailed(io.confidencegateway.inference.InferenceFailure failure,
            HttpServerRequest request) {
        int status = failure.failure().httpStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return respond(new Problem("about:blank", known == null ? "Upstream Error" : known.getReasonPhrase(),
                status, failure.getMessage(), "/v1/inferences/" + failure.inferenceId(), null), request);
    }

    @ServerExceptionMapper
    public Response overLimit(io.confidencegateway.access.LimitExceeded limit, HttpServerRequest request) {
        Response response = respond(Problem.of(429, "Too Many Requests", limit.getMessage()), request);
        response.getHeaders().putSingle("Retry-After", String.valueOf(limit.retryAfterSeconds()));
        return response;
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException exception, HttpServerRequest request) {
        return respond(unreadable(exception), request);
    }

    // Quarkus ships its own mapper for this subtype, which would answer plain JSON instead of a problem.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException exception, HttpServerRequest request) {
        return unreadableJson(exception, request);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException exception, HttpServerRequest request) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .collect(java.util.stream.Collectors.joining("; "));
        return respond(new Problem("about:blank", "Bad Request", 400, detail, null, errors), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException exception, HttpServerRequest request) {
        int status = exception.getResponse().getStatus();
        // Quarkus wraps the JSON reader's errors (syntax, limits, types) into a bare 400: say what is wrong.
        JsonProcessingException json = jsonCause(exception);
        if (status == 400 && json != null) {
            return respond(unreadable(json), request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "There is nothing at this path; /q/openapi lists the API";
            case 405 -> "This method is not allowed here; /q/openapi lists the API";
            case 406 -> "No representation matches the Accept header";
            case 415 -> "Unsupported Content-Type; send application/json (document uploads: multipart/form-data)";
            default -> status >= 500 ? "The gateway failed to handle the request" : title;
        };
        if (status >= 500) {
            LOG.error("Request failed", exception);
        }
        return respond(Problem.of(status, title, detail), request);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable exception, HttpServerRequest request) {
        LOG.error("Unexpected failure", exception);
        return respond(Problem.of(500, "Internal Server Error",
                "The gateway failed unexpectedly; the error is logged. Retry, and report it if it persists."),
                request);
    }

    private static Problem unreadable(JsonProcessingException exception) {
        String path = JsonErrors.pathOf(exception);
        String message = JsonErrors.messageOf(exception);
        return new Problem("about:blank", "Bad Request", 400, message, null,
                path == null ? null : List.of(new Problem.FieldError(path, message)));
    }

    private static JsonProcessingException jsonCause(Throwable error) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause() == cause ? null
                : cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    /** The problem as problem+json, or in OpenAI's shape on the OpenAI-compatible paths ({@link ErrorSurface}). */
    private static Response respond(Problem problem, HttpServerRequest request) {
        if (request != null && ErrorSurface.isOpenAi(request.path())) {
            return Response.status(problem.status()).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .entity(OpenAiError.ofStatus(problem)).build();
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String leaf(String propertyPath) {
        // "method.arg0.field" -> "field": the caller knows the body, not the Java method.
        String[] parts = propertyPath.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
