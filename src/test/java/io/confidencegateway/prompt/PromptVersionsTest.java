package io.confidencegateway.prompt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestDocuments;
import io.confidencegateway.testing.TestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Prompt versions and labels over HTTP, against a scripted fake upstream that answers according to the instructions
 * it was sent: version 2's instructions carry a marker, and the fake echoes which one it saw.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class PromptVersionsTest {

    static final String MARKER = "VARIANT-B";
    static final String ANSWER_V1 = "Refunds are accepted within 30 days of purchase [1].";
    static final String ANSWER_V2 = "You can get a full refund within 30 days of purchase [1].";

    @Inject
    Database database;

    /** A product of its own per test, on the stubbed OpenAI model, with one document to cite. */
    static String product(String id) {
        return product(id, false);
    }

    static String product(String id, boolean reviewEveryAnswer) {
        int status = given().contentType("application/json").body("""
                {"name": "Prompt test", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": %s,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini"}"""
                .formatted(reviewEveryAnswer)).put("/v1/products/" + id).statusCode();
        assertThat(status).isIn(200, 201);
        TestDocuments.uploadAndWait(id, "refunds.md", ("# Refunds\n\nRefunds are accepted within 30 days of "
                + "purchase. A full refund goes back to the original payment method.\n")
                .getBytes(StandardCharsets.UTF_8), "text/markdown");
        return id;
    }

    @BeforeEach
    void scriptTheUpstream() {
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenAiUpstreamStub.completion(ANSWER_V1, 300, 12))));
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).atPriority(1)
                .withRequestBody(containing(MARKER))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenAiUpstreamStub.completion(ANSWER_V2, 300, 12))));
    }

    static ValidatableResponse createVersion(String product, String body) {
        return given().contentType("application/json").body(body).post("/v1/products/" + product + "/prompts")
                .then();
    }

    static ValidatableResponse moveLabel(String product, String label, String body) {
        return given().contentType("application/json").body(body)
                .put("/v1/products/" + product + "/prompt-labels/" + label).then();
    }

    static JsonPath ask(String product, String conversation) {
        return given().contentType("application/json").body(Map.of("product", product, "question",
                "How long is the refund window?", "conversation_id", conversation)).post("/v1/answers").then()
                .statusCode(200).extract().jsonPath();
    }

    static String v2(String product) {
        return createVersion(product, "{\"instructions\": \"" + MARKER + ": answer warmly, only from the passages, "
                + "citing them as [n].\", \"temperature\": 0.3, \"note\": \"warmer tone\"}")
                .statusCode(201).extract().jsonPath().getString("version");
    }

    /** The sum of a metric's samples of one product and prompt version in a Prometheus scrape. */
    static double sampleSum(String scrape, String metric, String product, String version) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains("product=\"" + product + "\"")
                    && line.contains("prompt_version=\"" + version + "\"")) {
                // The value follows the labels; an exemplar ("# {trace_id=…} 1.0 <time>") may follow the value.
                sum += Double.parseDouble(line.substring(line.indexOf("} ") + 2).trim().split("\\s+")[0]);
            }
        }
        return sum;
    }

    @Test
    void everyProductStartsWithTheShippedPromptAsVersionOneInProduction() {
        given().get("/v1/products/support-copilot/prompts").then().statusCode(200)
                .body("[0].version", equalTo(1))
                .body("[0].instructions", containsString("cite it by its number in square brackets"))
                .body("[0].created_at", equalTo(null));
        given().get("/v1/products/support-copilot/prompt-labels").then().statusCode(200)
                .body("[0].label", equalTo("production")).body("[0].version", equalTo(1))
                .body("[0].weight", equalTo(0));
    }

    @Test
    void aCanaryAtHalfServesBothVersionsAndEachConversationAlwaysGetsTheSameOne() {
        String product = product("prompt-canary");
        createVersion(product, "{\"instructions\": \"" + MARKER + ": answer warmly, citing passages as [n].\", "
                + "\"temperature\": 0.3, \"passages\": 3, \"note\": \"warmer tone\"}")
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/products/" + product + "/prompts/2"))
                .body("version", equalTo(2)).body("temperature", equalTo(0.3f)).body("passages", equalTo(3))
                .body("note", equalTo("warmer tone"));
        moveLabel(product, "canary", "{\"version\": 2, \"weight\": 50}").statusCode(200)
                .body("label", equalTo("canary")).body("version", equalTo(2)).body("weight", equalTo(50));

        var servedBy = new HashMap<String, Integer>();
        for (int i = 0; i < 60; i++) {
            String conversation = "thread-" + i;
            for (int turn = 0; turn < 2; turn++) {
                JsonPath answer = ask(product, conversation);
                int version = answer.getInt("prompt_version");
                assertThat(answer.getString("content")).as("the upstream saw version %d's instructions", version)
                        .isEqualTo(version == 2 ? ANSWER_V2 : ANSWER_V1);
                Integer before = servedBy.putIfAbsent(conversation, version);
                assertThat(before == null ? version : before).as(conversation + " stays on one version")
                        .isEqualTo(version);
                given().get("/v1/answers/" + answer.getString("id")).then().statusCode(200)
                        .body("prompt_version", equalTo(version));
            }
        }
        long onCanary = servedBy.values().stream().filter(v -> v == 2).count();
        assertThat(onCanary).as("conversations on the canary").isBetween(15L, 45L);
        // Per-version metrics: two answers per conversation, each counted for its own version, adding up.
        JsonPath metrics = given().get("/v1/products/" + product + "/metrics").then().statusCode(200).extract()
                .jsonPath();
        assertThat(metrics.getLong("answers")).isEqualTo(120);
        assertThat(metrics.getList("by_prompt_version.prompt_version", Integer.class)).containsExactly(1, 2);
        assertThat(metrics.getLong("by_prompt_version[1].answers")).isEqualTo(2 * onCanary);
        assertThat(metrics.getLong("by_prompt_version[0].answers")).isEqualTo(2 * (60 - onCanary));
        assertThat(metrics.getDouble("by_prompt_version[1].cost_per_answer.value")).isPositive();
        // The Prometheus meters carry the version too, so a dashboard can put the canary next to production.
        String scraped = given().header("Authorization", TestKeys.ADMIN_BEARER).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertThat(sampleSum(scraped, "gateway_answers_total", product, "2")).isEqualTo(2.0 * onCanary);
        assertThat(sampleSum(scraped, "gateway_answers_total", product, "1")).isEqualTo(2.0 * (60 - onCanary));
        assertThat(sampleSum(scraped, "gateway_confidence_score_count", product, "2")).isEqualTo(2.0 * onCanary);
        assertThat(sampleSum(scraped, "gateway_cost_usd_total", product, "2")).isPositive();
        assertThat(sampleSum(scraped, "gateway_tokens_total", product, "2")).isPositive();
        // A version's temperature goes upstream with its instructions.
        assertThat(OpenAiUpstreamStub.server().getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString()).filter(b -> b.contains(MARKER)).findFirst().orElseThrow())
                .contains("\"temperature\":0.3");
    }

    @Test
    void feedbackOnAnAnswerCarriesTheVersionThatGaveItIntoTheMetrics() {
        String product = product("prompt-feedback");
        v2(product);
        moveLabel(product, "canary", "{\"version\": 2, \"weight\": 100}").statusCode(200);
        String id = ask(product, "thread-f").getString("id");

        given().contentType("application/json").body("{\"rating\": \"up\"}").post("/v1/answers/" + id + "/feedback")
                .then().statusCode(201);

        Integer stored = database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT prompt_version FROM feedback WHERE answer_id = ?")) {
                select.setObject(1, java.util.UUID.fromString(id));
                try (var row = select.executeQuery()) {
                    return row.next() ? row.getInt(1) : null;
                }
            }
        });
        assertThat(stored).isEqualTo(2);
        given().get("/v1/products/" + product + "/metrics").then().statusCode(200)
                .body("by_prompt_version[0].prompt_version", equalTo(2))
                .body("by_prompt_version[0].thumbs_up", equalTo(1))
                .body("by_prompt_version[0].thumbs_down", equalTo(0));
    }

    @Test
    void aReviewItemSaysWhichVersionDraftedIt() {
        String product = product("prompt-review", true);
        v2(product);
        moveLabel(product, "canary", "{\"version\": 2, \"weight\": 100}").statusCode(200);
        String id = ask(product, "thread-q").getString("id");

        given().get("/v1/reviews?product=" + product).then().statusCode(200)
                .body("items.find { it.answer_id == '" + id + "' }.prompt_version", equalTo(2));
    }

    @Test
    void movingTheCanaryBackTakesEffectOnTheNextRequest() {
        String product = product("prompt-rollback");
        v2(product);
        moveLabel(product, "canary", "{\"version\": 2, \"weight\": 100}").statusCode(200);
        assertThat(ask(product, "thread-a").getInt("prompt_version")).isEqualTo(2);

        moveLabel(product, "canary", "{\"version\": 2, \"weight\": 0, \"reason\": \"rollback\"}").statusCode(200);

        JsonPath next = ask(product, "thread-a");
        assertThat(next.getInt("prompt_version")).isEqualTo(1);
        assertThat(next.getString("content")).isEqualTo(ANSWER_V1);
    }

    @Test
    void productionMovedOnAnotherReplicaServesHereWithinTwoSeconds() {
        String product = product("prompt-replicas");
        v2(product);
        assertThat(ask(product, "thread-r").getInt("prompt_version")).isEqualTo(1);

        // Another replica moves production: the row changes in the shared database, not through this replica.
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO prompt_label (product, label, "
                    + "version, weight, updated_at) VALUES (?, 'production', 2, 0, ?)")) {
                insert.setString(1, product);
                insert.setObject(2, OffsetDateTime.now());
                return insert.executeUpdate();
            }
        });

        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> ask(product, "thread-r").getInt("prompt_version") == 2);
    }

    @Test
    void badVersionsAndMovesAreRefusedSayingWhatToFix() {
        String product = "support-copilot";
        problem(createVersion(product, "{\"instructions\": \" \"}"), 400, "instructions is required and must not "
                + "be blank").body("errors[0].field", equalTo("instructions"));
        problem(createVersion(product, "{\"instructions\": \"x\", \"temperature\": 3, \"model\": \"gpt-9\"}"), 400,
                "model 'gpt-9' is not a model alias; GET /v1/models lists them")
                .body("errors.field", org.hamcrest.Matchers.contains("model", "temperature"));
        problem(createVersion("no-such-product", "{\"instructions\": \"x\"}"), 404,
                "No product has the id 'no-such-product'");
        problem(moveLabel("no-such-product", "canary", "{\"version\": 1}"), 404,
                "No product has the id 'no-such-product'");
        problem(moveLabel(product, "canary", "{\"version\": 99, \"weight\": 5}"), 400,
                "product 'support-copilot' has no prompt version 99");
        problem(moveLabel(product, "production", "{\"version\": 1, \"weight\": 10}"), 400,
                "production takes whatever the other labels leave");
        problem(moveLabel(product, "Canary!", "{\"version\": 1}"), 400, "'Canary!' is not a label name");
        problem(given().get("/v1/products/" + product + "/prompts/abc").then(), 400,
                "'abc' is not a version number");
        problem(given().get("/v1/products/" + product + "/prompts/99").then(), 404,
                "Product 'support-copilot' has no prompt version 99; GET /v1/products/support-copilot/prompts");
    }

    @Test
    void theWeightsOfAllLabelsButProductionStayWithinOneHundred() {
        String product = "prompt-weights";
        given().contentType("application/json").body("""
                {"name": "Weights", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini"}""")
                .put("/v1/products/" + product).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        moveLabel(product, "canary", "{\"version\": 1, \"weight\": 70}").statusCode(200);
        problem(moveLabel(product, "staging", "{\"version\": 1, \"weight\": 40}"), 400,
                "the other labels already take 70% of the traffic, so this one can take at most 30%, got 40");
        // Moving the same label again does not count its own old weight.
        moveLabel(product, "canary", "{\"version\": 1, \"weight\": 100}").statusCode(200);
        given().get("/v1/products/" + product + "/prompt-labels").then().statusCode(200)
                .body("label", org.hamcrest.Matchers.contains("production", "canary"))
                .body("[1].weight", equalTo(100));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String detail) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("detail", containsString(detail));
    }
}
