package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.AnswerRows;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every product answer and model call records the id of the key that asked for it, and a client key gives feedback
 * only on what it created; agent and admin keys on anything.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class AnswerOwnerTest {

    private static final String PRODUCT = "owner-extractive";
    // The model-free extractive model: no upstream, no circuit breaker to open for the tests after this one.
    private static final String SPEC = """
            {"name": "Owner product", "max_latency_seconds": 5, "context_window_needs": "short",
             "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
             "accuracy_target": 0.9, "pii_handling": "none", "model": "extractive"}""";
    private static final String FEEDBACK = "{\"rating\": \"up\", \"csat\": 5}";
    private static final String NOT_OWNER = "client keys may give feedback only on answers they created; this answer "
            + "was created by another key — use an agent key";

    @Inject
    Database database;

    private JsonNode clientA;
    private JsonNode clientB;
    private String agent;

    @BeforeEach
    void twoClientsAndAnAgent() {
        HttpResponse<String> spec = Calls.send("PUT", "/v1/products/" + PRODUCT, TestKeys.ADMIN, SPEC);
        assertThat(spec.statusCode()).as(spec.body()).isBetween(200, 201);
        clientA = Calls.createKey("{\"name\": \"owner-a\", \"role\": \"client\"}");
        clientB = Calls.createKey("{\"name\": \"owner-b\", \"role\": \"client\"}");
        agent = Calls.createKey("{\"name\": \"owner-agent\", \"role\": \"agent\"}").path("key").asText();
    }

    @Test
    void aClientsProductAnswerTakesFeedbackFromItAndAgentsButAnotherClientGetsA403() {
        String answer = productAnswer(key(clientA));

        assertThat(createdBy("answer", answer)).contains(UUID.fromString(clientA.path("id").asText()));
        assertThat(createdBy("inference", answer)).as("the model call behind it")
                .contains(UUID.fromString(clientA.path("id").asText()));
        HttpResponse<String> own = feedback(answer, key(clientA), null, FEEDBACK);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(Calls.json(own).path("answer_id").asText()).isEqualTo(answer);

        HttpResponse<String> other = feedback(answer, key(clientB), null, FEEDBACK);
        assertNotOwner(other, NOT_OWNER);

        HttpResponse<String> byAgent = feedback(answer, agent, null, "{\"rating\": \"down\"}");
        assertThat(byAgent.statusCode()).as(byAgent.body()).isEqualTo(201);
        assertThat(events(answer)).as("client A's and the agent's, not client B's").isEqualTo(2);
    }

    @Test
    void aClientsChatCompletionTakesFeedbackOnlyFromThatClientOrAnAgent() {
        HttpResponse<String> completion = Calls.send("POST", "/v1/chat/completions", key(clientA),
                Calls.chat("extractive"));
        assertThat(completion.statusCode()).as(completion.body()).isEqualTo(200);
        String id = completion.headers().firstValue("X-Inference-Id").orElseThrow();

        assertThat(feedback(id, key(clientB), null, FEEDBACK)).satisfies(r -> assertNotOwner(r, NOT_OWNER));
        assertThat(feedback(id, key(clientA), null, FEEDBACK).statusCode()).isEqualTo(201);
        assertThat(feedback(id, agent, null, FEEDBACK).statusCode()).isEqualTo(201);
        assertThat(createdBy("inference", id)).contains(UUID.fromString(clientA.path("id").asText()));
    }

    @Test
    void anAnswerStoredBeforeAnswersRecordedTheirKeyTakesFeedbackFromAgentsOnly() {
        UUID old = AnswerRows.insert(database, new AnswerRows.Answer(PRODUCT, "u-1", 0.9, "deliver", 100, 0.0,
                "Thirty days.", Instant.now()));

        assertNotOwner(feedback(old.toString(), key(clientA), null, FEEDBACK), "client keys may give feedback only "
                + "on answers they created; this answer was created before answers recorded their key — use an "
                + "agent key");
        assertThat(feedback(old.toString(), agent, null, FEEDBACK).statusCode()).isEqualTo(201);
        assertThat(feedback(old.toString(), TestKeys.ADMIN, null, FEEDBACK).statusCode()).isEqualTo(201);
    }

    @Test
    void anotherClientCannotReplayTheOwnersIdempotencyKeyNorStoreWithItsOwn() {
        String answer = productAnswer(key(clientA));
        String idempotency = "owner-" + UUID.randomUUID();
        assertThat(feedback(answer, key(clientA), idempotency, FEEDBACK).statusCode()).isEqualTo(201);

        HttpResponse<String> replayByOther = feedback(answer, key(clientB), idempotency, FEEDBACK);
        assertNotOwner(replayByOther, NOT_OWNER);
        assertThat(replayByOther.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertNotOwner(feedback(answer, key(clientB), "other-" + UUID.randomUUID(), FEEDBACK), NOT_OWNER);

        HttpResponse<String> replayByOwner = feedback(answer, key(clientA), idempotency, FEEDBACK);
        assertThat(replayByOwner.statusCode()).isEqualTo(201);
        assertThat(replayByOwner.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(events(answer)).isEqualTo(1);
    }

    @Test
    void aRotatedClientKeyKeepsTheAnswersOfTheKeysItReplaced() {
        String answer = productAnswer(key(clientA));
        JsonNode once = rotate(clientA);
        JsonNode twice = rotate(once);
        assertThat(once.path("id").asText()).as("rotation mints a new key id").isNotEqualTo(clientA.path("id").asText());

        assertThat(feedback(answer, key(clientA), null, FEEDBACK).statusCode()).as("the old key is revoked")
                .isEqualTo(401);
        HttpResponse<String> byRotated = feedback(answer, key(twice), null, FEEDBACK);
        assertThat(byRotated.statusCode()).as(byRotated.body()).isEqualTo(201);
        String newer = productAnswer(key(twice));
        assertThat(createdBy("answer", newer)).contains(UUID.fromString(twice.path("id").asText()));
        assertNotOwner(feedback(newer, key(clientB), null, FEEDBACK), NOT_OWNER);
    }

    @Test
    void aClientReadsItsOwnAnswerByIdButNotAnotherKeysWhichAnAgentReads() {
        String answer = productAnswer(key(clientA));
        UUID old = AnswerRows.insert(database, new AnswerRows.Answer(PRODUCT, "u-1", 0.9, "deliver", 100, 0.0,
                "Thirty days.", Instant.now()));
        String readNotOwner = "client keys may read only answers they created; this answer was created by another "
                + "key — use an agent key";

        HttpResponse<String> own = Calls.send("GET", "/v1/answers/" + answer, key(clientA), null);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(Calls.json(own).path("id").asText()).isEqualTo(answer);
        assertNotOwner(Calls.send("GET", "/v1/answers/" + answer, key(clientB), null), readNotOwner);
        assertThat(Calls.send("GET", "/v1/answers/" + answer, agent, null).statusCode()).isEqualTo(200);
        assertNotOwner(Calls.send("GET", "/v1/answers/" + old, key(clientA), null), "client keys may read only "
                + "answers they created; this answer was created before answers recorded their key — use an agent "
                + "key");
        assertThat(Calls.send("GET", "/v1/answers/" + UUID.randomUUID(), key(clientA), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anUnknownAnswerIsStillA404ForAClient() {
        HttpResponse<String> unknown = feedback(UUID.randomUUID().toString(), key(clientA), null, FEEDBACK);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No answer has the id");
    }

    private static void assertNotOwner(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Calls.json(response);
        assertThat(problem.path("code").asText()).isEqualTo("not_answer_owner");
        assertThat(problem.path("detail").asText()).isEqualTo(detail);
        assertThat(response.body()).doesNotContain("cg_");
    }

    private static JsonNode rotate(JsonNode key) {
        HttpResponse<String> rotated = Calls.send("POST", "/v1/keys/" + key.path("id").asText() + "/rotate",
                TestKeys.ADMIN, null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        return Calls.json(rotated);
    }

    private static String productAnswer(String key) {
        HttpResponse<String> answered = Calls.send("POST", "/v1/answers", key, "{\"product\": \"" + PRODUCT
                + "\", \"question\": \"How long is the refund window?\"}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        return Calls.json(answered).path("id").asText();
    }

    private static HttpResponse<String> feedback(String answer, String key, String idempotencyKey, String body) {
        return Calls.send("POST", "/v1/answers/" + answer + "/feedback", key, body, idempotencyKey);
    }

    private static String key(JsonNode created) {
        return created.path("key").asText();
    }

    /** The creating key's id as stored (the writer may still hold a model call's record: wait for it). */
    private Optional<UUID> createdBy(String table, String id) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> database.inTransaction(c -> {
                    try (PreparedStatement select = c.prepareStatement(
                            "SELECT created_by_key FROM " + table + " WHERE id = ?")) {
                        select.setObject(1, UUID.fromString(id));
                        try (ResultSet row = select.executeQuery()) {
                            return row.next() ? Optional.ofNullable(row.getObject(1, UUID.class)) : null;
                        }
                    }
                }), found -> found != null);
    }

    private int events(String answer) {
        return database.inTransaction(c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM feedback WHERE answer_id = ?")) {
                count.setObject(1, UUID.fromString(answer));
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }
}
