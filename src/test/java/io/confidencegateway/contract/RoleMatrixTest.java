package io.confidencegateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.review.ReviewQueue;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Every operation of {@code /q/openapi} called by every kind of caller: anonymous, a client, an agent, an admin, a
 * revoked key and an admin key restricted to another product. The role each operation should need is written here,
 * independently of the rules in {@code AccessPolicy}, so that a new endpoint fails this test until someone decides
 * who may call it, and a rule that opens an endpoint too wide fails it too. The document must also state that role.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class RoleMatrixTest {

    /** The intent: which role each operation needs (agent includes client, admin includes both). */
    private static final Map<String, String> ROLES = Map.ofEntries(
            Map.entry("POST /v1/chat/completions", "client"),
            Map.entry("GET /v1/models", "client"),
            Map.entry("GET /v1/models/{model}", "client"),
            Map.entry("POST /v1/answers", "client"),
            Map.entry("POST /v1/answers/{id}/feedback", "client"),
            Map.entry("POST /v1/score", "client"),
            Map.entry("POST /v1/score/batch", "client"),
            Map.entry("GET /v1/answers/{id}", "client"),
            Map.entry("GET /v1/inferences/{id}", "agent"),
            Map.entry("GET /v1/answers/{id}/feedback", "agent"),
            Map.entry("GET /v1/reviews", "agent"),
            Map.entry("GET /v1/reviews/{id}", "agent"),
            Map.entry("POST /v1/reviews/{id}/claim", "agent"),
            Map.entry("POST /v1/reviews/{id}/resolve", "agent"),
            Map.entry("GET /v1/products", "admin"),
            Map.entry("GET /v1/products/{id}", "admin"),
            Map.entry("PUT /v1/products/{id}", "admin"),
            Map.entry("GET /v1/products/{id}/recommendation", "admin"),
            Map.entry("GET /v1/products/{id}/metrics", "admin"),
            Map.entry("GET /v1/products/{id}/calibration", "admin"),
            Map.entry("GET /v1/products/{id}/reports/weekly", "admin"),
            Map.entry("GET /v1/products/{product}/documents", "admin"),
            Map.entry("POST /v1/products/{product}/documents", "admin"),
            Map.entry("GET /v1/products/{product}/documents/{document}", "admin"),
            Map.entry("DELETE /v1/products/{product}/documents/{document}", "admin"),
            Map.entry("POST /v1/keys", "admin"),
            Map.entry("GET /v1/keys", "admin"),
            Map.entry("GET /v1/keys/{id}", "admin"),
            Map.entry("DELETE /v1/keys/{id}", "admin"),
            Map.entry("POST /v1/keys/{id}/rotate", "admin"),
            Map.entry("GET /v1/audit", "admin"),
            Map.entry("POST /v1/products/{id}/prompts", "admin"),
            Map.entry("GET /v1/products/{id}/prompts", "admin"),
            Map.entry("GET /v1/products/{id}/prompts/{version}", "admin"),
            Map.entry("GET /v1/products/{id}/prompt-labels", "admin"),
            Map.entry("PUT /v1/products/{id}/prompt-labels/{label}", "admin"),
            Map.entry("PUT /v1/products/{id}/golden-set", "admin"),
            Map.entry("GET /v1/products/{id}/golden-set", "admin"),
            Map.entry("POST /v1/products/{id}/prompts/{version}/evaluations", "admin"),
            Map.entry("GET /v1/products/{id}/prompts/{version}/evaluations/{evaluation}", "admin"));

    /**
     * Operations on one answer where a client key may act only on answers it created, agent and admin keys on any.
     * The shared fixture answer is the test admin's, so a client is refused on it; each such operation is also called
     * as the client on an answer of its own, which it must be let through.
     */
    private static final Set<String> OWN_ANSWER_ONLY = Set.of("POST /v1/answers/{id}/feedback",
            "GET /v1/answers/{id}");

    /**
     * The browser console's pages and forms (HTML, so not in the JSON API document): the role each needs, or "open".
     * Without a usable key a page redirects to the sign-in form instead of answering 401.
     */
    private static final Map<String, String> CONSOLE = Map.ofEntries(
            Map.entry("GET /console", "agent"),
            Map.entry("GET /console/", "agent"),
            Map.entry("GET /console/reviews", "agent"),
            Map.entry("GET /console/dashboard", "admin"),
            Map.entry("GET /console/knowledge", "admin"),
            Map.entry("GET /console/prompts", "admin"),
            Map.entry("GET /console/sign-in", "open"),
            Map.entry("POST /console/sign-in", "open"),
            Map.entry("POST /console/sign-out", "open"),
            Map.entry("GET /console/assets/console.css", "open"));

    private static final List<String> RANK = List.of("client", "agent", "admin");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReviewQueue queue;

    private Http http;
    private ContractFixtures fixtures;
    private OpenApiDocument document;
    private OperationCalls calls;
    private final Map<String, String> keys = new LinkedHashMap<>();

    @BeforeEach
    void keysForEveryKindOfCaller() throws Exception {
        http = new Http(RestAssured.port);
        document = OpenApiDocument.parse(http.send(Http.Call.of("GET", "/q/openapi?format=json")).body());
        fixtures = new ContractFixtures(http, queue);
        calls = new OperationCalls(fixtures);
        for (String role : RANK) {
            keys.put(role, create("{\"name\": \"matrix-" + role + "\", \"role\": \"" + role + "\"}").path("key")
                    .asText());
        }
        JsonNode revoked = create("{\"name\": \"matrix-revoked\", \"role\": \"admin\"}");
        http.send(Http.Call.of("DELETE", "/v1/keys/" + revoked.path("id").asText()));
        keys.put("revoked", revoked.path("key").asText());
        keys.put("wrong-product", create("{\"name\": \"matrix-elsewhere\", \"role\": \"admin\", "
                + "\"products\": [\"some-other-product\"]}").path("key").asText());
    }

    @Test
    void everyOperationHasARoleAndTheDocumentStatesIt() {
        List<String> failures = new ArrayList<>();
        for (OpenApiDocument.Op op : document.operations()) {
            String role = ROLES.get(op.name());
            if (role == null) {
                failures.add(op + ": no role decided; add it to RoleMatrixTest.ROLES (and a rule to AccessPolicy)");
                continue;
            }
            JsonNode security = op.node().path("security");
            String documented = security.path(0).path("ApiKey").path(0).asText(null);
            if (!role.equals(documented)) {
                failures.add(op + ": the document states role " + documented + ", not " + role);
            }
            for (int status : List.of(401, 403)) {
                if (!op.documents(status)) {
                    failures.add(op + ": does not document " + status);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyOperationAnswersEachKindOfCallerAsItsRoleSays() {
        List<String> failures = new ArrayList<>();
        for (OpenApiDocument.Op op : document.operations()) {
            String role = ROLES.get(op.name());
            if (role == null) {
                continue;
            }
            for (String caller : List.of("anonymous", "client", "agent", "admin", "revoked", "wrong-product")) {
                Http.Call call = calls.valid(op);
                call.header("Authorization", caller.equals("anonymous") ? null : "Bearer " + keys.get(caller));
                Http.Reply reply = http.send(call);
                int expected = expected(op, role, caller);
                boolean ok = expected == 0 ? reply.status() != 401 && reply.status() != 403
                        : reply.status() == expected;
                if (!ok) {
                    failures.add(op + " as " + caller + ": " + reply.status() + " (expected "
                            + (expected == 0 ? "neither 401 nor 403" : expected) + ") "
                            + ErrorShapes.abbreviate(reply.body()));
                }
                if (reply.status() == 401 && reply.header("WWW-Authenticate") == null) {
                    failures.add(op + " as " + caller + ": 401 without WWW-Authenticate");
                }
            }
            if (OWN_ANSWER_ONLY.contains(op.name())) {
                String own = fixtures.answerBy(keys.get("client"));
                Http.Call call = Http.Call.of(op.method(), op.path().replace("{id}", own))
                        .header("Authorization", "Bearer " + keys.get("client"));
                if (op.requestMediaTypes().contains("application/json")) {
                    call = call.json(fixtures.validBody(op, op.requestSchema("application/json")).toString());
                } else {
                    call.header("Accept", "application/json");
                }
                Http.Reply reply = http.send(call);
                if (reply.status() / 100 != 2) {
                    failures.add(op + " as client on its own answer: " + reply.status() + " (expected 2xx) "
                            + ErrorShapes.abbreviate(reply.body()));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyConsolePageAnswersEachKindOfCallerAsItsRoleSays() {
        List<String> failures = new ArrayList<>();
        CONSOLE.forEach((operation, role) -> {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            for (String caller : List.of("anonymous", "client", "agent", "admin", "revoked")) {
                Http.Call call = Http.Call.of(method, path);
                if (method.equals("POST")) {
                    call = call.body("application/x-www-form-urlencoded", new byte[0]);
                }
                call.header("Authorization", caller.equals("anonymous") ? null : "Bearer " + keys.get(caller));
                Http.Reply reply = http.send(call);
                boolean toSignIn = reply.status() == 303 && "/console/sign-in".equals(reply.header("Location"));
                boolean refusedRole = reply.status() == 403 && reply.body().contains("This endpoint needs the");
                String outcome = role.equals("open") ? "through"
                        : caller.equals("anonymous") || caller.equals("revoked") ? "sign-in"
                        : RANK.indexOf(caller) >= RANK.indexOf(role) ? "through" : "forbidden";
                boolean ok = switch (outcome) {
                    case "sign-in" -> toSignIn;
                    case "forbidden" -> refusedRole;
                    default -> !toSignIn && !refusedRole && reply.status() != 401;
                };
                if (!ok) {
                    failures.add(operation + " as " + caller + ": " + reply.status() + " (expected " + outcome + ") "
                            + ErrorShapes.abbreviate(reply.body()));
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    /** The status a caller must get, or 0 for "let through" (whatever the operation then answers). */
    private static int expected(OpenApiDocument.Op op, String role, String caller) {
        return switch (caller) {
            case "anonymous", "revoked" -> 401;
            // The fixture review item belongs to the fixture product, outside the scoped key's list.
            case "wrong-product" -> op.path().startsWith("/v1/products/{") || op.name().equals("POST /v1/answers")
                    || op.path().startsWith("/v1/reviews/{id}") ? 403 : 0;
            // The fixture answer is the test admin's: another key's, for a client.
            case "client" -> RANK.indexOf(caller) >= RANK.indexOf(role) && !OWN_ANSWER_ONLY.contains(op.name()) ? 0
                    : 403;
            default -> RANK.indexOf(caller) >= RANK.indexOf(role) ? 0 : 403;
        };
    }

    private JsonNode create(String body) throws Exception {
        Http.Reply reply = http.send(Http.Call.of("POST", "/v1/keys").json(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body());
    }
}
