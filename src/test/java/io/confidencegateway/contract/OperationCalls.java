package io.confidencegateway.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds, from an operation of the document, one valid call and the invalid calls its schema implies: an unknown
 * id per path parameter, truncated JSON, each required field missing, each typed field of the wrong type, each enum
 * field with a value outside it, each constrained query or header parameter broken.
 */
final class OperationCalls {

    /** A call with what it is meant to show. */
    record Labelled(String label, Http.Call call) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ContractFixtures fixtures;

    OperationCalls(ContractFixtures fixtures) {
        this.fixtures = fixtures;
    }

    Http.Call valid(OpenApiDocument.Op op) {
        Map<String, String> path = existingPathValues(op);
        Http.Call call = Http.Call.of(op.method(), uri(op, path, requiredQuery(op)));
        accept(op, call);
        return withValidBody(op, call);
    }

    List<Labelled> invalid(OpenApiDocument.Op op) {
        List<Labelled> calls = new ArrayList<>();
        Map<String, String> existing = existingPathValues(op);
        if (!"PUT".equals(op.method())) {
            for (String name : existing.keySet()) {
                Map<String, String> path = new LinkedHashMap<>(existing);
                path.put(name, UUID.randomUUID().toString());
                calls.add(new Labelled("unknown {" + name + "}", withValidBody(op,
                        accept(op, Http.Call.of(op.method(), uri(op, path, requiredQuery(op)))))));
            }
        }
        if (op.requestMediaTypes().contains("application/json")) {
            calls.addAll(invalidBodies(op, existing));
        }
        for (JsonNode parameter : op.parameters("query")) {
            String bad = brokenValue(parameter.path("schema"), op);
            if (bad != null) {
                Map<String, String> query = new LinkedHashMap<>(requiredQuery(op));
                query.put(parameter.path("name").asText(), bad);
                calls.add(new Labelled("query " + parameter.path("name").asText() + "=" + bad, withValidBody(op,
                        accept(op, Http.Call.of(op.method(), uri(op, existing, query))))));
            }
        }
        for (JsonNode parameter : op.parameters("header")) {
            JsonNode schema = op.document().resolve(parameter.path("schema"));
            if (schema.has("maxLength")) {
                String tooLong = "k".repeat(schema.get("maxLength").asInt() + 1);
                calls.add(new Labelled("header " + parameter.path("name").asText() + " too long", withValidBody(op,
                        accept(op, Http.Call.of(op.method(), uri(op, existingPathValues(op), requiredQuery(op))))
                                .header(parameter.path("name").asText(), tooLong))));
            }
        }
        if (calls.isEmpty() && !op.mediaTypes(firstSuccess(op)).isEmpty()) {
            calls.add(new Labelled("Accept nothing it offers", withValidBody(op, Http.Call.of(op.method(),
                    uri(op, existing, requiredQuery(op))).header("Accept", "application/x-unknown"))));
        }
        return calls;
    }

    private List<Labelled> invalidBodies(OpenApiDocument.Op op, Map<String, String> existing) {
        List<Labelled> calls = new ArrayList<>();
        JsonNode schema = op.requestSchema("application/json");
        ObjectNode valid = (ObjectNode) fixtures.validBody(op, schema);
        String first = valid.fieldNames().hasNext() ? valid.fieldNames().next() : "x";
        calls.add(new Labelled("truncated JSON", freshCall(op, existing).json("{\"" + first + "\": ")));
        for (JsonNode required : schema.path("required")) {
            ObjectNode body = valid.deepCopy();
            body.remove(required.asText());
            calls.add(new Labelled("missing required " + required.asText(), freshCall(op, existing)
                    .json(body.toString())));
        }
        op.properties(schema).forEach((name, property) -> {
            JsonNode wrong = wrongType(property);
            if (wrong != null) {
                ObjectNode body = valid.deepCopy();
                body.set(name, wrong);
                calls.add(new Labelled("wrong type for " + name + ": " + wrong, freshCall(op, existing)
                        .json(body.toString())));
            }
            if (property.has("enum")) {
                ObjectNode body = valid.deepCopy();
                body.put(name, "not-one-of-the-enum");
                calls.add(new Labelled("bad enum value for " + name, freshCall(op, existing).json(body.toString())));
            }
        });
        return calls;
    }

    // Each invalid body gets fresh path values: a review item consumed by one call is not reused by the next.
    private Http.Call freshCall(OpenApiDocument.Op op, Map<String, String> existing) {
        Map<String, String> path = op.path().contains("/reviews/") ? existingPathValues(op) : existing;
        return accept(op, Http.Call.of(op.method(), uri(op, path, requiredQuery(op))));
    }

    /** A JSON value no reader of this type accepts (Jackson turns numbers into strings, but not objects). */
    static JsonNode wrongType(JsonNode schema) {
        String type = OpenApiDocument.typeOf(schema);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "string" -> NODES.objectNode().put("not", "a string");
            case "integer", "number" -> NODES.textNode("not a number");
            case "boolean" -> NODES.textNode("maybe");
            case "array" -> NODES.numberNode(7);
            case "object" -> NODES.numberNode(7);
            default -> null;
        };
    }

    /** A query value its schema rules out, or null when the schema rules nothing out. */
    private static String brokenValue(JsonNode rawSchema, OpenApiDocument.Op op) {
        JsonNode schema = op.document().resolve(rawSchema);
        if (schema.has("enum")) {
            return "not-one-of-the-enum";
        }
        String type = OpenApiDocument.typeOf(schema);
        if ("integer".equals(type) || "number".equals(type)) {
            return "abc";
        }
        if (schema.has("format") && List.of("date", "date-time").contains(schema.get("format").asText())
                || schema.has("pattern")) {
            return "not-a-date";
        }
        return null;
    }

    private Map<String, String> existingPathValues(OpenApiDocument.Op op) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : op.parameters("path")) {
            String name = parameter.path("name").asText();
            values.put(name, fixtures.existing(op, name));
        }
        return values;
    }

    private static Map<String, String> requiredQuery(OpenApiDocument.Op op) {
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode parameter : op.parameters("query")) {
            if (parameter.path("required").asBoolean(false)) {
                JsonNode schema = op.document().resolve(parameter.path("schema"));
                String value = schema.has("default") ? schema.get("default").asText()
                        : schema.has("enum") ? schema.get("enum").get(0).asText()
                                : "date".equals(schema.path("format").asText()) ? LocalDate.now().toString() : "1";
                query.put(parameter.path("name").asText(), value);
            }
        }
        return query;
    }

    private Http.Call withValidBody(OpenApiDocument.Op op, Http.Call call) {
        if (op.requestMediaTypes().contains("application/json")) {
            return call.json(fixtures.validBody(op, op.requestSchema("application/json")).toString());
        }
        if (op.requestMediaTypes().stream().anyMatch(type -> type.startsWith("multipart/"))) {
            ContractFixtures.Multipart upload = ContractFixtures.multipartFile();
            return call.body(upload.contentType(), upload.body());
        }
        return call;
    }

    private static Http.Call accept(OpenApiDocument.Op op, Http.Call call) {
        op.mediaTypes(firstSuccess(op)).stream().findFirst().ifPresent(type -> call.header("Accept", type));
        return call;
    }

    static int firstSuccess(OpenApiDocument.Op op) {
        return op.statuses().stream().filter(code -> code.startsWith("2") && code.length() == 3)
                .mapToInt(Integer::parseInt).sorted().findFirst().orElse(200);
    }

    static String uri(OpenApiDocument.Op op, Map<String, String> path, Map<String, String> query) {
        String uri = op.path();
        for (var value : path.entrySet()) {
            uri = uri.replace("{" + value.getKey() + "}", encode(value.getValue()));
        }
        if (!query.isEmpty()) {
            uri += "?" + String.join("&", query.entrySet().stream()
                    .map(q -> encode(q.getKey()) + "=" + encode(q.getValue())).toList());
        }
        return uri;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
