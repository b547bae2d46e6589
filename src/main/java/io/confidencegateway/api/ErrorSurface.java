package io.confidencegateway.api;

import java.util.List;

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
}
