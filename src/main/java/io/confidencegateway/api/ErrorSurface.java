package io.confidencegateway.api;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.api.openai.OpenAiError;
import io.confidencegateway.problem.Problem;
import io.vertx.core.http.HttpServerResponse;

/**
 * Which error shape a path answers with: OpenAI's {@code {"error": {...}}} on the OpenAI-compatible surface, which
 * OpenAI SDKs parse (chat completions, and the model list that {@code client.models.retrieve} reads), RFC 9457
 * problem+json everywhere else.
 */
public final class ErrorSurface {

    /** The path prefixes of the OpenAI-compatible surface. */
    public static final List<String> OPENAI_PREFIXES = List.of("/v1/chat/completions", "/v1/models");

    private ErrorSurface() {
    }

    /** Whether errors on this request path use OpenAI's shape. */
    public static boolean isOpenAi(String path) {
        if (path == null) {
            return false;
        }
        for (String prefix : OPENAI_PREFIXES) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/'
                    || path.charAt(prefix.length()) == '?')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends a response from a router filter (before any resource runs) with an error in the path's shape: OpenAI's
     * (with the given type and code) on the OpenAI surface, problem+json with the same code elsewhere. Headers the
     * caller set before stay.
     */
    public static void end(HttpServerResponse response, ObjectMapper json, String path, int status, String title,
            String detail, String openAiType, String code) {
        Object body = isOpenAi(path)
                ? new OpenAiError(new OpenAiError.Body(detail, openAiType, null, code))
                : new Problem("about:blank", title, status, detail, null, null, code);
        String encoded;
        try {
            encoded = json.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("error body could not be encoded", impossible);
        }
        response.setStatusCode(status).putHeader("Content-Type", isOpenAi(path) ? "application/json"
                : Problem.MEDIA_TYPE).end(encoded);
    }
}
