package io.confidencegateway.contract;

import io.confidencegateway.confidence.ConfidenceScore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.store.Ids;
import io.confidencegateway.review.NewItem;
import io.confidencegateway.review.ReviewItem;
import io.confidencegateway.review.ReviewQueue;

/**
 * Real values for the document's operations: ids that exist (by the collection a path parameter follows:
 * {@code /products/{x}}, {@code /answers/{x}}…), and valid bodies. Needs no provider: a product of its own
 * whose spec names the model-free {@code extractive} model (the demo product would try the stubbed OpenAI
 * upstream first, and its failures would open that provider's circuit breaker for the tests after this one).
 * An operation whose body has no fixture gets one generated from its schema (required fields, typed values).
 */
final class ContractFixtures {

    static final String PRODUCT = "contract-extractive";
    private static final String PRODUCT_SPEC = """
            {"name": "Contract product", "max_latency_seconds": 5, "context_window_needs": "short",
             "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
             "accuracy_target": 0.9, "pii_handling": "none", "model": "extractive"}""";
    static final String REVIEWER = "contract-reviewer";
    private static final String NEW_KEY = "{\"name\": \"contract-key\", \"role\": \"client\"}";
    private static final String GOLDEN_SET = """
            {"questions": [{"question": "How long is the refund window?", "sources": ["contract.md"]}]}""";
    static final String QUESTION = "How long is the refund window?";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Http http;
    private final ReviewQueue queue;
    private String answerId;
    private String evaluationId;

    ContractFixtures(Http http, ReviewQueue queue) {
        this.http = http;
        this.queue = queue;
        Http.Reply reply = http.send(Http.Call.of("PUT", "/v1/products/" + PRODUCT).json(PRODUCT_SPEC));
        if (reply.status() / 100 != 2) {
            throw new AssertionError("fixture: PUT /v1/products/" + PRODUCT + " answered " + reply.status() + ": "
                    + reply.body());
        }
        // Evaluations need a golden set to run on.
        Http.Reply golden = http.send(Http.Call.of("PUT", "/v1/products/" + PRODUCT + "/golden-set").json(GOLDEN_SET));
        if (golden.status() != 200) {
            throw new AssertionError("fixture: PUT golden-set answered " + golden.status() + ": " + golden.body());
        }
    }

    /** A value for a path parameter that names something existing, fit for this operation. */
    String existing(OpenApiDocument.Op op, String parameter) {
        String collection = collectionOf(op.path(), parameter);
        return switch (collection) {
            // Only the product PUT creates what it names; the prompt label PUT moves a label of an existing one.
            case "products" -> "PUT /v1/products/{id}".equals(op.method() + " " + op.path())
                    ? "contract-" + UUID.randomUUID().toString().substring(0, 8) : PRODUCT;
            case "answers" -> answer();
            // A product answer's model call is recorded under the same id.
            case "inferences" -> answer();
            case "models" -> "extractive";
            case "documents" -> "DELETE".equals(op.method()) ? uploadDocument() : anyDocument();
            case "reviews" -> reviewItem(op.path().endsWith("/resolve"));
            case "keys" -> newKey();
            // Version 1 (the shipped prompt) exists for every product; staging is a label that serves no one.
            case "prompts" -> "1";
            case "prompt-labels" -> "staging";
            case "evaluations" -> evaluation();
            default -> throw new AssertionError(op.name() + ": no fixture for path parameter {" + parameter
                    + "} after /" + collection + "; add one to ContractFixtures");
        };
    }

    /** A fresh client key's id (each call its own: revocation and rotation use it up). */
    String newKey() {
        Http.Reply reply = http.send(Http.Call.of("POST", "/v1/keys").json(NEW_KEY));
        if (reply.status() != 201) {
            throw new AssertionError("fixture: POST /v1/keys answered " + reply.status() + ": " + reply.body());
        }
        try {
            return JSON.readTree(reply.body()).path("id").asText();
        } catch (java.io.IOException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** The collection segment before a path parameter: "products" for /v1/products/{id}/metrics. */
    static String collectionOf(String template, String parameter) {
        String[] segments = template.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + parameter + "}")) {
                return segments[i - 1];
            }
        }
        throw new AssertionError(template + " has no {" + parameter + "}");
    }

    /** A valid JSON body for the operation. */
    JsonNode validBody(OpenApiDocument.Op op, JsonNode schema) {
        String key = op.method() + " " + op.path();
        String known = switch (key) {
            case "POST /v1/chat/completions" -> """
                    {"model": "extractive", "messages": [{"role": "user", "content": "%s"}]}"""
                    .formatted(QUESTION);
            case "POST /v1/answers" -> "{\"product\": \"" + PRODUCT + "\", \"question\": \"" + QUESTION + "\"}";
            case "POST /v1/answers/{id}/feedback" -> "{\"rating\": \"up\", \"csat\": 5}";
            case "PUT /v1/products/{id}" -> PRODUCT_SPEC;
            case "POST /v1/score" -> scoreItem();
            case "POST /v1/score/batch" -> "{\"items\": [" + scoreItem() + "]}";
            case "POST /v1/reviews/{id}/claim" -> "{\"reviewer\": \"" + REVIEWER + "\"}";
            case "POST /v1/reviews/{id}/resolve" -> "{\"reviewer\": \"" + REVIEWER + "\", \"action\": \"approve\"}";
            case "POST /v1/keys" -> NEW_KEY;
            case "POST /v1/products/{id}/prompts" -> "{\"instructions\": \"Answer only from the passages [n].\"}";
            case "PUT /v1/products/{id}/prompt-labels/{label}" -> "{\"version\": 1, \"weight\": 0}";
            case "PUT /v1/products/{id}/golden-set" -> GOLDEN_SET;
            default -> null;
        };
        if (known != null) {
            try {
                return JSON.readTree(known);
            } catch (java.io.IOException impossible) {
                throw new AssertionError(impossible);
            }
        }
        return generate(op, schema, 0);
    }

    /** Whether the operation has a hand-written valid body (a generated one may be refused on its merits). */
    static boolean hasKnownBody(OpenApiDocument.Op op) {
        return List.of("POST /v1/chat/completions", "POST /v1/answers", "POST /v1/answers/{id}/feedback",
                "PUT /v1/products/{id}", "POST /v1/score", "POST /v1/score/batch", "POST /v1/reviews/{id}/claim",
                "POST /v1/reviews/{id}/resolve", "POST /v1/keys", "POST /v1/products/{id}/prompts",
                "PUT /v1/products/{id}/prompt-labels/{label}", "PUT /v1/products/{id}/golden-set")
                .contains(op.method() + " " + op.path());
    }

    /** A valid multipart body: one small, unique markdown document as part {@code file}. */
    static Multipart multipartFile() {
        String boundary = "contract-" + UUID.randomUUID();
        String text = "# Contract test " + UUID.randomUUID() + "\n\nShipping takes five working days.\n";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contract.md\""
                + "\r\nContent-Type: text/markdown\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        return new Multipart("multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
    }

    record Multipart(String contentType, byte[] body) {
    }

    private static String scoreItem() {
        return """
                {"question": "How long is the refund window?", "passages": ["Refunds are accepted within 30 days."],
                 "answer": "Refunds are accepted within 30 days [1]."}""";
    }

    private JsonNode generate(OpenApiDocument.Op op, JsonNode schema, int depth) {
        JsonNode resolved = op.document().resolve(schema);
        if (resolved.has("enum") && resolved.get("enum").size() > 0) {
            return resolved.get("enum").get(0);
        }
        if (resolved.has("default")) {
            return resolved.get("default");
        }
        String type = OpenApiDocument.typeOf(resolved);
        if (type == null) {
            type = resolved.has("properties") ? "object" : "string";
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    for (JsonNode required : resolved.path("required")) {
                        object.set(required.asText(), generate(op, resolved.path("properties").path(required.asText()),
                                depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (resolved.path("minItems").asInt(0) > 0 && depth < 4) {
                    array.add(generate(op, resolved.path("items"), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(resolved.path("minimum").asLong(1));
            }
            case "number" -> {
                return NODES.numberNode(resolved.path("minimum").asDouble(0.5));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode("contract");
            }
        }
    }

    private synchronized String evaluation() {
        if (evaluationId == null) {
            Http.Reply reply = http.send(Http.Call.of("POST", "/v1/products/" + PRODUCT + "/prompts/1/evaluations"));
            if (reply.status() != 202) {
                throw new AssertionError("fixture: POST evaluations answered " + reply.status() + ": " + reply.body());
            }
            evaluationId = read(reply.body()).path("id").asText();
        }
        return evaluationId;
    }

    /** A new product answer asked with this key (the shared one is the test admin's). */
    String answerBy(String key) {
        Http.Reply reply = http.send(Http.Call.of("POST", "/v1/answers").header("Authorization", "Bearer " + key)
                .json("{\"product\": \"" + PRODUCT + "\", \"question\": \"" + QUESTION + "\"}"));
        if (reply.status() != 200) {
            throw new AssertionError("fixture: POST /v1/answers answered " + reply.status() + ": " + reply.body());
        }
        return read(reply.body()).path("id").asText();
    }

    private synchronized String answer() {
        if (answerId == null) {
            Http.Reply reply = http.send(Http.Call.of("POST", "/v1/answers").json(
                    "{\"product\": \"" + PRODUCT + "\", \"question\": \"" + QUESTION + "\"}"));
            if (reply.status() != 200) {
                throw new AssertionError("fixture: POST /v1/answers answered " + reply.status() + ": " + reply.body());
            }
            answerId = read(reply.body()).path("id").asText();
        }
        return answerId;
    }

    private String anyDocument() {
        Http.Reply reply = http.send(Http.Call.of("GET", "/v1/products/" + PRODUCT + "/documents"));
        JsonNode list = read(reply.body());
        JsonNode documents = list.isArray() ? list : list.path("data");
        if (reply.status() != 200) {
            throw new AssertionError("fixture: listing the documents of " + PRODUCT + " answered " + reply.status());
        }
        return documents.size() == 0 ? uploadDocument() : documents.get(0).path("id").asText();
    }

    private String uploadDocument() {
        Multipart upload = multipartFile();
        Http.Reply reply = http.send(Http.Call.of("POST", "/v1/products/" + PRODUCT + "/documents")
                .body(upload.contentType(), upload.body()));
        if (reply.status() / 100 != 2) {
            throw new AssertionError("fixture: upload answered " + reply.status() + ": " + reply.body());
        }
        JsonNode body = read(reply.body());
        String id = body.path("id").asText(body.path("document").path("id").asText(""));
        if (id.isEmpty() && reply.header("Location") != null && reply.header("Location").contains("/documents/")) {
            String location = reply.header("Location");
            id = location.substring(location.lastIndexOf("/documents/") + "/documents/".length()).split("[/?]")[0];
        }
        return id;
    }

    /** A fresh pending item; claimed by {@link #REVIEWER} when it is to be resolved. */
    private String reviewItem(boolean claimed) {
        UUID id = queue.enqueue(new NewItem(Ids.next(), PRODUCT, NewItem.REVIEW, "review_required",
                QUESTION, "Refunds are accepted within 30 days [1].",
                List.of(new Passage(1, "refund_policy.md", null, "Refunds are accepted within 30 days.")),
                List.of(new ConfidenceScore.SignalScore("grounding", 0.8, 0.4, 0.12, "1 of 1 sentences supported")), 0.7))
                .await().atMost(Duration.ofSeconds(30)).id();
        if (claimed) {
            Http.Reply reply = http.send(Http.Call.of("POST", "/v1/reviews/" + id + "/claim")
                    .json("{\"reviewer\": \"" + REVIEWER + "\"}"));
            if (reply.status() != 200) {
                throw new AssertionError("fixture: claim answered " + reply.status() + ": " + reply.body());
            }
        }
        return id.toString();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException unreadable) {
            throw new AssertionError("not JSON: " + ErrorShapes.abbreviate(json), unreadable);
        }
    }
}
