package io.confidencegateway.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The gateway's own OpenAPI document ({@code /q/openapi?format=json}), read as the tests need it. */
final class OpenApiDocument {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument parse(String json) {
        try {
            return new OpenApiDocument(new ObjectMapper().readTree(json));
        } catch (java.io.IOException unreadable) {
            throw new AssertionError("/q/openapi is not JSON", unreadable);
        }
    }

    /** Every operation, in document order. */
    List<Op> operations() {
        List<Op> operations = new ArrayList<>();
        root.path("paths").properties().forEach(path -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(new Op(this, method.toUpperCase(Locale.ROOT), path.getKey(), operation,
                            path.getValue().path("parameters")));
                }
            }
        });
        return operations;
    }

    /** The path templates, for telling which path an arbitrary URL belongs to. */
    Set<String> pathTemplates() {
        Set<String> templates = new TreeSet<>();
        root.path("paths").fieldNames().forEachRemaining(templates::add);
        return templates;
    }

    /** A schema with {@code $ref}s followed (one level at a time, as callers walk it). */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema == null ? MissingNode.getInstance() : schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("external $ref in the document: " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    /** One operation of the document. */
    record Op(OpenApiDocument document, String method, String path, JsonNode node, JsonNode pathParameters) {

        String name() {
            return method + " " + path;
        }

        boolean hasTag(String tag) {
            for (JsonNode t : node.path("tags")) {
                if (tag.equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }

        /** The documented status codes ("200", "404"…; "default" and ranges as written). */
        Set<String> statuses() {
            Set<String> codes = new LinkedHashSet<>();
            node.path("responses").fieldNames().forEachRemaining(codes::add);
            return codes;
        }

        boolean documents(int status) {
            Set<String> codes = statuses();
            return codes.contains(String.valueOf(status)) || codes.contains((status / 100) + "XX")
                    || codes.contains((status / 100) + "xx");
        }

        /** The media types documented for a status (empty: no body documented). */
        Set<String> mediaTypes(int status) {
            JsonNode response = document.resolve(node.path("responses").path(String.valueOf(status)));
            Set<String> types = new LinkedHashSet<>();
            response.path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        /** The schema documented for a status and media type, $refs followed. */
        JsonNode responseSchema(int status, String mediaType) {
            return document.resolve(document.resolve(node.path("responses").path(String.valueOf(status)))
                    .path("content").path(mediaType).path("schema"));
        }

        /** Parameters of the operation and of its path item, by location ("path", "query", "header"). */
        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode source : List.of(pathParameters, node.path("parameters"))) {
                for (JsonNode parameter : source) {
                    JsonNode resolved = document.resolve(parameter);
                    if (in.equals(resolved.path("in").asText())) {
                        found.add(resolved);
                    }
                }
            }
            return found;
        }

        /** The request body's media types (empty: no body). */
        Set<String> requestMediaTypes() {
            Set<String> types = new LinkedHashSet<>();
            document.resolve(node.path("requestBody")).path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        JsonNode requestSchema(String mediaType) {
            return document.resolve(document.resolve(node.path("requestBody")).path("content").path(mediaType)
                    .path("schema"));
        }

        /** Top-level properties of a request schema, $refs followed. */
        Map<String, JsonNode> properties(JsonNode schema) {
            Map<String, JsonNode> properties = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : document.resolve(schema).path("properties").properties()) {
                properties.put(entry.getKey(), document.resolve(entry.getValue()));
            }
            return properties;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The first JSON type a schema names ("string", "integer"…), or null when it names none. */
    static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        for (JsonNode t : type) {
            if (!"null".equals(t.asText())) {
                return t.asText();
            }
        }
        return null;
    }
}
