package io.confidencegateway.api;

import java.util.List;

import io.confidencegateway.api.openai.OpenAiError;
import io.confidencegateway.problem.Problem;

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
     * The error body for a response written by a router filter before any resource runs: OpenAI's shape (with the
     * given type and code) on the OpenAI surface, problem+json with the same code elsewhere.
     */
    public static Object body(String path, int status, String title, String detail, String openAiType, String code) {
        return isOpenAi(path)
                ? new OpenAiError(new OpenAiError.Body(detail, openAiType, null, code))
                : new Problem("about:blank", title, status, detail, null, null, code);
    }

    /** The content type that goes with {@link #body}. */
    public static String contentType(String path) {
        return isOpenAi(path) ? "application/json" : Problem.MEDIA_TYPE;
    }
}
