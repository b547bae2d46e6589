package io.confidencegateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.review.ReviewQueue;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Holds {@code /q/openapi} to the behaviour, operation by operation, so that the document cannot drift: every
 * operation documents a success, and every error it documents has its body shape; a valid call answers a documented
 * success
 * in a documented media type; every invalid call its schema implies answers a documented 4xx in the promised error
 * shape; and the other way round, every documented 2xx and 4xx is answered by one of those calls (or is listed, with
 * the reason, as one that needs a setup of its own). Generic over the document: a new operation is checked as soon
 * as it is documented.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class OpenApiContractTest {

    @Inject
    ReviewQueue queue;

    private OpenApiDocument document;
    private ErrorShapes shapes;
    private Http http;
    private OperationCalls calls;

    @BeforeEach
    void readTheDocument() {
        http = new Http(RestAssured.port);
        Http.Reply reply = http.send(Http.Call.of("GET", "/q/openapi?format=json"));
        assertThat(reply.status()).isEqualTo(200);
        document = OpenApiDocument.parse(reply.body());
        shapes = ErrorShapes.of(document);
        calls = new OperationCalls(new ContractFixtures(http, queue));
    }

    @Test
    void theDocumentListsTheWholePublicSurface() {
        assertThat(document.operations()).extracting(OpenApiDocument.Op::name).contains(
                "POST /v1/chat/completions", "GET /v1/models", "GET /v1/models/{model}", "POST /v1/answers",
                "GET /v1/answers/{id}", "POST /v1/answers/{id}/feedback", "PUT /v1/products/{id}",
                "GET /v1/reviews", "POST /v1/reviews/{id}/claim", "POST /v1/score");
    }

    @Test
    void everyOperationDocumentsASuccessAndEachErrorWithItsBodyShape() {
        List<String> failures = new ArrayList<>();
        for (OpenApiDocument.Op op : document.operations()) {
            Set<String> codes = op.statuses();
            if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
                failures.add(op + ": documents no 2xx");
            }
            for (String code : codes) {
                if (!code.startsWith("4") && !code.startsWith("5")) {
                    continue;
                }
                int status = Integer.parseInt(code);
                String media = shapes.isOpenAi(op.path()) ? "application/json" : "application/problem+json";
                if (!op.mediaTypes(status).contains(media)) {
                    failures.add(op + " " + code + ": documents " + op.mediaTypes(status) + ", not " + media);
                    continue;
                }
                var schema = op.responseSchema(status, media);
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(name -> required.add(name.asText()));
                List<String> expected = shapes.isOpenAi(op.path()) ? List.of("error")
                        : List.of("type", "title", "status", "detail");
                if (!required.containsAll(expected)) {
                    failures.add(op + " " + code + ": error schema requires " + required + ", not " + expected);
                }
            }
        }
        assertThat(failures).as("operations whose documented responses are incomplete").isEmpty();
    }

    @Test
    void aValidCallOfEveryOperationAnswersADocumentedSuccessInADocumentedMediaType() {
        List<String> failures = new ArrayList<>();
        for (OpenApiDocument.Op op : document.operations()) {
            Http.Call call;
            try {
                call = calls.valid(op);
            } catch (AssertionError noFixture) {
                failures.add(noFixture.getMessage());
                continue;
            }
            Http.Reply reply = http.send(call);
            String seen = op + " valid call " + call.describe() + " -> " + reply.status() + " "
                    + ErrorShapes.abbreviate(reply.body());
            if (!op.documents(reply.status())) {
                failures.add(seen + ": status not documented (documented: " + op.statuses() + ")");
            }
            boolean mustSucceed = ContractFixtures.hasKnownBody(op) || op.requestMediaTypes().isEmpty()
                    || op.requestMediaTypes().stream().anyMatch(type -> type.startsWith("multipart/"));
            if (mustSucceed && reply.status() / 100 != 2) {
                failures.add(seen + ": not a success");
            }
            failures.addAll(mediaTypeProblems(op, reply, seen));
            if (reply.status() >= 400) {
                shapes.problemsWith(op.method(), call.pathAndQuery(), reply).forEach(p -> failures.add(seen + ": " + p));
            }
        }
        assertThat(failures).as("valid calls answered otherwise than documented").isEmpty();
    }

    @Test
    void everyInvalidCallAnOperationsSchemaImpliesAnswersADocumented4xxInThePromisedShape() {
        List<String> failures = new ArrayList<>();
        for (OpenApiDocument.Op op : document.operations()) {
            List<OperationCalls.Labelled> invalid;
            try {
                invalid = calls.invalid(op);
            } catch (AssertionError noFixture) {
                failures.add(noFixture.getMessage());
                continue;
            }
            if (invalid.isEmpty()) {
                failures.add(op + ": no invalid call can be derived from its schema");
            }
            for (OperationCalls.Labelled labelled : invalid) {
                Http.Reply reply = http.send(labelled.call());
                String seen = op + " [" + labelled.label() + "] " + labelled.call().describe() + " -> "
                        + reply.status() + " " + ErrorShapes.abbreviate(reply.body());
                if (reply.status() < 400 || reply.status() >= 500) {
                    failures.add(seen + ": not a 4xx");
                }
                if (!op.documents(reply.status())) {
                    failures.add(seen + ": status not documented (documented: " + op.statuses() + ")");
                }
                failures.addAll(mediaTypeProblems(op, reply, seen));
                shapes.problemsWith(op.method(), labelled.call().pathAndQuery(), reply)
                        .forEach(p -> failures.add(seen + ": " + p));
            }
        }
        assertThat(failures).as("invalid calls answered otherwise than documented").isEmpty();
    }

    /**
     * Documented codes this test has no call for, with the reason. Everything else a document lists as 2xx or 4xx
     * must come out of the valid or an invalid call of its operation, so a code the code cannot return (the original
     * "feedback 200") fails here. 5xx are not checked: no valid or invalid input may produce one.
     */
    private static final Map<String, String> NOT_PROVOKED = Map.of(
            "406", "ErrorResponsesFilter adds it to every operation; HttpErrorShapesTest sends a wrong Accept",
            "414", "ErrorResponsesFilter adds it to every operation; HttpErrorShapesTest sends the long URIs",
            "415", "ErrorResponsesFilter adds it to every operation with a body; OpenApiFuzzTest sends wrong types",
            "413", "needs a body over the configured limit (megabytes); DocumentResourceTest and "
                    + "ChatCompletionsBadInputTest send one",
            "429", "needs a product's rate limit or budget exhausted first",
            "401", "every call here is an admin's; RoleMatrixTest calls every operation without a key and revoked",
            "403", "every call here is an admin's; RoleMatrixTest calls every operation with each role");

    /**
     * Per operation, documented codes that need a setup of their own that a generic call cannot make; the test that
     * provokes each is named.
     */
    private static final Map<String, Set<String>> NEEDS_SETUP = Map.of(
            // An alias that is not configured: ChatCompletionsBadInputTest.unknownModelIsA404InOpenAiShape.
            "POST /v1/chat/completions", Set.of("404"),
            // A product that does not exist: AnswerApiTest.
            "POST /v1/answers", Set.of("404"),
            // A key used again with another body, or a span outside the draft: FeedbackResourceTest.
            "POST /v1/answers/{id}/feedback", Set.of("422"),
            // 200: the same file again once it is indexed; 409: the same bytes under another name (both
            // DocumentResourceTest); 400: a multipart body cut off (HttpErrorShapesTest).
            "POST /v1/products/{product}/documents", Set.of("200", "400", "409"),
            // A ticket another reviewer holds (the same reviewer claiming again is a 200): ReviewQueueTest.
            "POST /v1/reviews/{id}/claim", Set.of("409"),
            // A PUT gets no unknown-id call (PUT creates); a label of a product that does not exist:
            // PromptVersionsTest.badVersionsAndMovesAreRefusedSayingWhatToFix; production refused by the gate (409):
            // EvaluationGateTest.
            "PUT /v1/products/{id}/prompt-labels/{label}", Set.of("404", "409"),
            // The golden set of a product that does not exist: EvaluationGateTest.
            "PUT /v1/products/{id}/golden-set", Set.of("404"),
            // A product without a golden set: EvaluationGateTest.
            "POST /v1/products/{id}/prompts/{version}/evaluations", Set.of("409"));

    @Test
    void everyDocumentedSuccessAndClientErrorIsAnsweredByAValidOrAnInvalidCall() {
        List<String> failures = new ArrayList<>();
        for (OpenApiDocument.Op op : document.operations()) {
            Set<Integer> seen = new TreeSet<>();
            try {
                // Twice: the second answers what a repeat does (a replaced product 200, a resolved ticket 409).
                Http.Call valid = calls.valid(op);
                seen.add(http.send(valid).status());
                seen.add(http.send(valid).status());
                for (OperationCalls.Labelled labelled : calls.invalid(op)) {
                    seen.add(http.send(labelled.call()).status());
                }
            } catch (AssertionError noFixture) {
                failures.add(noFixture.getMessage());
                continue;
            }
            for (String code : op.statuses()) {
                if (!(code.startsWith("2") || code.startsWith("4")) || NOT_PROVOKED.containsKey(code)
                        || NEEDS_SETUP.getOrDefault(op.name(), Set.of()).contains(code)) {
                    continue;
                }
                if (seen.stream().noneMatch(status -> code.equals(String.valueOf(status))
                        || code.equalsIgnoreCase((status / 100) + "XX"))) {
                    failures.add(op + " documents " + code + ", which no call produced (seen: " + seen + ")");
                }
            }
        }
        assertThat(failures).as("documented codes that nothing answers").isEmpty();
    }

    private static List<String> mediaTypeProblems(OpenApiDocument.Op op, Http.Reply reply, String seen) {
        Set<String> documented = op.mediaTypes(reply.status());
        if (documented.isEmpty() || !op.documents(reply.status())) {
            return List.of();
        }
        String type = reply.contentType() == null ? "" : reply.contentType().split(";")[0].trim()
                .toLowerCase(Locale.ROOT);
        return documented.contains(type) ? List.of()
                : List.of(seen + ": content type " + reply.contentType() + " is not one of " + documented);
    }
}
