package io.confidencegateway.api.answer;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.product.ProductRepository;
import io.confidencegateway.store.Database;
import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestDocuments;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Data residency over real HTTP: the alias {@code regional} routes to an EU upstream ({@code eu-west}, region
 * declared as "eu") and then a US one ({@code us-east}); a product whose spec says {@code data_residency: EU} must
 * never reach the US one, whatever fails, while a product without a residency fails over across both.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ResidencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EU_PATH = "/eu/v1/chat/completions";
    private static final String US_PATH = "/us/v1/chat/completions";
    private static final String QUESTION = "How long is the refund window?";
    private static final String GROUNDED = "You can request a full refund within 30 days of purchase [1].";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String EU_PRODUCT = "eu-" + SUFFIX;
    private static final String ANY_PRODUCT = "anywhere-" + SUFFIX;
    private static boolean created;

    @Inject
    Database database;

    @Inject
    ProductRepository repository;

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        if (!created) {
            product(EU_PRODUCT, "\"data_residency\": \"eu\", \"verifiers\": [\"judge\", \"entailment\"], ");
            product(ANY_PRODUCT, "");
            created = true;
        }
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.answerAt("/us", GROUNDED);
    }

    private static void product(String id, String extra) {
        given().contentType("application/json").body("""
                {"name": "Residency %s", "max_latency_seconds": 20, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": false, "human_review_required": false,
                 "accuracy_target": 0.8, "pii_handling": "none", %s"model": "regional"}""".formatted(id, extra))
                .put("/v1/products/" + id).then().statusCode(201);
        TestDocuments.uploadAndWait(id, "refunds.md", """
                # Refund window

                You can request a full refund within 30 days of purchase.""".getBytes(), "text/markdown");
    }

    private static int calls(String path) {
        return OpenAiUpstreamStub.server().findAll(postRequestedFor(urlPathEqualTo(path))).size();
    }

    private static JsonPath ask(String product) {
        return given().contentType("application/json").body(Map.of("product", product, "question", QUESTION))
                .post("/v1/answers").then().statusCode(200).extract().jsonPath();
    }

    /** A product-addressed chat completion; a seed leaves the extractive last resort out (it cannot honour one). */
    private static Response chat(String product, boolean stream) {
        return given().contentType("application/json").body("{\"model\": \"product/" + product + "\", \"seed\": 7, "
                + "\"stream\": " + stream + ", \"messages\": [{\"role\": \"user\", \"content\": \"" + QUESTION
                + "\"}]}").post("/v1/chat/completions");
    }

    private static JsonPath record(String inferenceId) {
        return given().get("/v1/inferences/" + inferenceId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anEuProductIsAnsweredByTheEuProviderAndTheVerifiersOutsideTheRegionAreNeverAsked() {
        OpenAiUpstreamStub.answerAt("/eu", GROUNDED);

        JsonPath answer = ask(EU_PRODUCT);

        assertThat(answer.getString("provider")).isEqualTo("eu-west");
        assertThat(calls(EU_PATH)).isEqualTo(1);
        assertThat(calls(US_PATH)).isZero();
        // The judge tier is a model call on the product's behalf: its only provider declares no region.
        assertThat(calls(OpenAiUpstreamStub.JUDGE_PREFIX + "/v1/chat/completions")).isZero();
        assertThat(answer.getString("usage.verifiers.find { it.name == 'judge' }.outcome")).isEqualTo("absent");
        assertThat(answer.getString("usage.verifiers.find { it.name == 'judge' }.reason")).isEqualTo(
                "the judge model failed: provider 'judge-upstream' was not called: it is in no declared region, "
                        + "outside the product's data_residency EU");
        // The entailment classifier is declared US (gateway.verifiers.entailment.region=us).
        assertThat(calls(OpenAiUpstreamStub.TEI_PREFIX + "/predict")).isZero();
        assertThat(answer.getString("usage.verifiers.find { it.name == 'entailment' }.outcome")).isEqualTo("absent");
        assertThat(answer.getString("usage.verifiers.find { it.name == 'entailment' }.reason"))
                .isEqualTo("the entailment service is in US, outside the product's data_residency EU");
    }

    @Test
    void whenTheEuProviderFailsAnEuAnswerFallsBackToTheLocalExtractiveProviderNeverToTheUsOne() {
        OpenAiUpstreamStub.errorAt("/eu", 500, "eu down");

        JsonPath answer = ask(EU_PRODUCT);

        assertThat(answer.getString("provider")).isEqualTo("extractive");
        assertThat(calls(EU_PATH)).isEqualTo(1);
        assertThat(calls(US_PATH)).isZero();
        JsonPath record = record(answer.getString("id"));
        assertThat(record.getList("attempts.provider")).containsExactly("eu-west", "us-east", "extractive");
        assertThat(record.getList("attempts.outcome")).containsExactly("server_error", "out_of_region", "ok");
        assertThat(record.getString("attempts[1].detail"))
                .isEqualTo("skipped: it is in region US, outside the product's data_residency EU");
    }

    @Test
    void whenNoProviderInTheRegionIsLeftAnEuChatCompletionIsHandedOffWithoutCallingTheUsProvider() {
        OpenAiUpstreamStub.errorAt("/eu", 500, "eu down");

        Response response = chat(EU_PRODUCT, false);

        response.then().statusCode(200);
        JsonPath body = response.jsonPath();
        assertThat(body.getString("gateway.handoff.reason")).isEqualTo("providers_failed");
        assertThat(body.getString("choices[0].message.content")).contains("Thanks for your patience");
        assertThat(calls(EU_PATH)).isEqualTo(1);
        assertThat(calls(US_PATH)).isZero();
        assertThat(record(response.header("X-Inference-Id")).getList("attempts.outcome"))
                .containsExactly("server_error", "out_of_region");
    }

    @Test
    void whenNoProviderInTheRegionIsLeftAnEuStreamEndsInAHandOffWithoutCallingTheUsProvider() throws Exception {
        OpenAiUpstreamStub.errorAt("/eu", 500, "eu down");

        Response response = chat(EU_PRODUCT, true);

        response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/event-stream"));
        var chunks = new ArrayList<JsonNode>();
        String last = null;
        for (String line : response.asString().split("\n")) {
            if (line.startsWith("data: ")) {
                last = line.substring(6);
                if (!last.equals("[DONE]")) {
                    chunks.add(JSON.readTree(last));
                }
            }
        }
        assertThat(last).isEqualTo("[DONE]");
        JsonNode verdict = chunks.stream().filter(c -> c.has("gateway")).findFirst().orElseThrow();
        assertThat(verdict.path("gateway").path("handoff").path("reason").asText()).isEqualTo("providers_failed");
        assertThat(calls(EU_PATH)).isEqualTo(1);
        assertThat(calls(US_PATH)).isZero();
    }

    @Test
    void aProductWithoutResidencyStillFailsOverFromTheEuProviderToTheUsOne() {
        OpenAiUpstreamStub.errorAt("/eu", 500, "eu down");

        JsonPath answer = ask(ANY_PRODUCT);

        assertThat(answer.getString("provider")).isEqualTo("us-east");
        assertThat(calls(EU_PATH)).isEqualTo(1);
        assertThat(calls(US_PATH)).isEqualTo(1);
    }

    @Test
    void aProductWithoutResidencyStreamsFromTheUsProviderWhenTheEuOneFails() {
        OpenAiUpstreamStub.errorAt("/eu", 500, "eu down");
        OpenAiUpstreamStub.streamAt("/us", List.of("The US model ", "says 30 days [1]."), true, true);

        Response response = chat(ANY_PRODUCT, true);

        response.then().statusCode(200);
        assertThat(response.asString()).contains("The US model ").contains("data: [DONE]");
        assertThat(calls(EU_PATH)).isEqualTo(1);
        assertThat(calls(US_PATH)).isEqualTo(1);
    }

    @Test
    void aSpecWhoseRouteHasNoProviderInItsResidencyIsRefusedWithEachProviderAndItsRegion() {
        String id = "eu-refused-" + SUFFIX;

        given().contentType("application/json").body("""
                {"name": "Refused", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": false, "human_review_required": false,
                 "accuracy_target": 0.8, "pii_handling": "none", "data_residency": "EU", "model": "us-only"}""")
                .put("/v1/products/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("data_residency"))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("data_residency EU: model route 'us-only' "
                        + "has providers us-east (US), backup (no region); add an EU provider or choose another "
                        + "route (a provider's region is gateway.providers.<name>.region)"));
        given().get("/v1/products/" + id).then().statusCode(404);
    }

    @Test
    void aPromptVersionOnARouteWithNoProviderInTheProductsRegionIsRefusedSoNoLabelCanPointAtIt() {
        given().contentType("application/json").body("{\"instructions\": \"Answer briefly.\", \"model\": \"us-only\"}")
                .post("/v1/products/" + EU_PRODUCT + "/prompts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", org.hamcrest.Matchers.equalTo(1))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("model"))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("data_residency EU: model route 'us-only' "
                        + "has providers us-east (US), backup (no region); add an EU provider or choose another "
                        + "route (a provider's region is gateway.providers.<name>.region)"));
        // Nothing was stored, so the version it would have been does not exist for a label either.
        given().contentType("application/json").body("{\"version\": 2, \"weight\": 10}")
                .put("/v1/products/" + EU_PRODUCT + "/prompt-labels/canary")
                .then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("version"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("product '" + EU_PRODUCT
                        + "' has no prompt version 2"));
        // A route with a provider in the region is accepted, and takes that number.
        given().contentType("application/json").body("{\"instructions\": \"Answer briefly.\", \"model\": \"regional\"}")
                .post("/v1/products/" + EU_PRODUCT + "/prompts")
                .then().statusCode(201).body("version", org.hamcrest.Matchers.equalTo(2));
        // Without a residency the same US-only route is a valid version.
        given().contentType("application/json").body("{\"instructions\": \"Answer briefly.\", \"model\": \"us-only\"}")
                .post("/v1/products/" + ANY_PRODUCT + "/prompts")
                .then().statusCode(201);
    }

    @Test
    void aStoredProductWhoseRouteLostItsRegionIsHandedOffWithTheReasonAndCallsNoProvider() {
        String id = "stranded-" + SUFFIX;
        // As a row written before the providers' regions changed: PUT would refuse it now.
        database.inTransaction(connection -> repository.write(connection, id, """
                {"name": "Stranded", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": false, "human_review_required": false,
                 "accuracy_target": 0.8, "pii_handling": "none", "data_residency": "EU", "model": "us-only"}""",
                Instant.now()));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get("/v1/products/" + id).then().statusCode(200));

        JsonPath answer = ask(id);

        assertThat(answer.getString("handoff.reason")).isEqualTo("providers_failed");
        assertThat(answer.getList("review_reasons", String.class).get(0))
                .contains("us-east:us-model out_of_region").contains("backup:backup-model out_of_region")
                .contains("outside the product's data_residency EU");
        assertThat(calls(US_PATH)).isZero();
        assertThat(calls("/backup/v1/chat/completions")).isZero();
    }

    @Test
    void theModelListShowsTheRegionsOfEachAliasAndOfEachOfItsProviders() {
        JsonPath models = given().get("/v1/models").then().statusCode(200).extract().jsonPath();

        assertThat(models.getString("object")).isEqualTo("list");
        assertThat(models.getList("data.find { it.id == 'regional' }.regions")).containsExactly("EU", "US");
        assertThat(models.getList("data.find { it.id == 'regional' }.providers")).containsExactly(
                Map.of("name", "eu-west", "region", "EU"), Map.of("name", "us-east", "region", "US"));
        assertThat(models.getList("data.find { it.id == 'extractive' }.regions")).containsExactly("local");
        assertThat(models.getList("data.find { it.id == 'us-only' }.regions")).containsExactly("US");
        assertThat(models.getList("data.find { it.id == 'us-only' }.providers")).containsExactly(
                Map.of("name", "us-east", "region", "US"), Map.of("name", "backup"));
        given().get("/v1/models/regional").then().statusCode(200)
                .body("regions", org.hamcrest.Matchers.equalTo(List.of("EU", "US")));
    }
}
