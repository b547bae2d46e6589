package io.confidencegateway.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an error answer must look like: RFC 9457 problem+json with {@code type, title, status, detail}, or OpenAI's
 * {@code {"error": {message, type, param, code}}} on the OpenAI-compatible surface (the paths of operations tagged
 * "OpenAI-compatible" in the document), with the matching content type, and no library internals in the words.
 */
final class ErrorShapes {

    static final String OPENAI_TAG = "OpenAI-compatible";
    private static final ObjectMapper JSON = new ObjectMapper();
    // Class names, stack frames and Jackson's own settings, which a caller cannot act on.
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|com\\.fasterxml|io\\.vertx|java\\.lang|jakarta\\.|org\\.jboss"
                    + "|StreamRead|StreamConstraints|`");

    private final Set<String> openAiPrefixes;

    private ErrorShapes(Set<String> openAiPrefixes) {
        this.openAiPrefixes = openAiPrefixes;
    }

    /** The OpenAI surface as the document declares it: the static prefix of every OpenAI-tagged path. */
    static ErrorShapes of(OpenApiDocument document) {
        Set<String> prefixes = new java.util.TreeSet<>();
        for (OpenApiDocument.Op op : document.operations()) {
            if (op.hasTag(OPENAI_TAG)) {
                String path = op.path();
                int variable = path.indexOf('{');
                String prefix = variable < 0 ? path : path.substring(0, variable);
                prefixes.add(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
            }
        }
        return new ErrorShapes(prefixes);
    }

    boolean isOpenAi(String pathAndQuery) {
        String path = pathAndQuery.split("[?#]", 2)[0];
        return openAiPrefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    /** Everything wrong with an error answer to a call on this path (empty: it is in its promised shape). */
    List<String> problemsWith(String method, String pathAndQuery, Http.Reply reply) {
        List<String> problems = new ArrayList<>();
        boolean openAi = isOpenAi(pathAndQuery);
        String expectedType = openAi ? "application/json" : "application/problem+json";
        String type = reply.contentType() == null ? null : reply.contentType().toLowerCase(Locale.ROOT);
        if (type == null || !type.startsWith(expectedType)) {
            problems.add("content type " + reply.contentType() + ", expected " + expectedType);
        }
        if ("HEAD".equals(method)) {
            return problems;
        }
        JsonNode body;
        try {
            body = JSON.readTree(reply.body());
        } catch (java.io.IOException notJson) {
            problems.add("body is not JSON: " + abbreviate(reply.body()));
            return problems;
        }
        if (body == null || !body.isObject()) {
            problems.add("body is not a JSON object: " + abbreviate(reply.body()));
            return problems;
        }
        if (openAi) {
            JsonNode error = body.path("error");
            if (!error.path("message").isTextual() || error.path("message").asText().isBlank()) {
                problems.add("no error.message");
            }
            if (!error.path("type").isTextual()) {
                problems.add("no error.type");
            }
            for (String key : List.of("param", "code")) {
                if (!error.has(key) || !(error.get(key).isNull() || error.get(key).isTextual())) {
                    problems.add("error." + key + " missing or not a string/null");
                }
            }
        } else {
            for (String key : List.of("type", "title", "detail")) {
                if (!body.path(key).isTextual() || body.path(key).asText().isBlank()) {
                    problems.add("no '" + key + "'");
                }
            }
            if (body.path("status").asInt(-1) != reply.status()) {
                problems.add("'status' " + body.path("status") + " differs from HTTP " + reply.status());
            }
        }
        if (INTERNALS.matcher(reply.body()).find()) {
            problems.add("library internals in the body: " + abbreviate(reply.body()));
        }
        return problems;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
