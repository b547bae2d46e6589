package io.confidencegateway.api;

import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.confidencegateway.api.openai.JsonErrors;

/**
 * Every error outside the OpenAI surface leaves as {@code application/problem+json}: a 4xx that says what to
 * fix, or a 500 that says nothing internal (the cause is logged, without a stack trace in the response).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        return respond(exception.problem());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException exception) {
        return respond(Problem.of(400, "Bad Request", JsonErrors.messageOf(exception)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .collect(java.util.stream.Collectors.joining("; "));
        return respond(new Problem("about:blank", "Bad Request", 400, detail, null, errors));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
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
            LOG.errorf("Request failed: %s", exception.toString());
        }
        return respond(Problem.of(status, title, detail));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable exception) {
        LOG.errorf("Unexpected failure: %s", exception.toString());
        return respond(Problem.of(500, "Internal Server Error",
                "The gateway failed unexpectedly; the error is logged. Retry, and report it if it persists."));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String leaf(String propertyPath) {
        // "method.arg0.field" -> "field": the caller knows the body, not the Java method.
        String[] parts = propertyPath.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
