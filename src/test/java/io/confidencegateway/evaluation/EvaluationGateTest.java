package io.confidencegateway.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.Eventually;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestDocuments;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The golden set, evaluations through the real pipeline and the gate on production, against a scripted fake upstream:
 * a version whose instructions carry "NO-CITE" gets answers without a single citation.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class EvaluationGateTest {

    private static final String PRODUCT = "prompt-gate";
    private static final String CITED = "Refunds are accepted within 30 days of purchase [1].";
    private static final String UNCITED = "Refunds are accepted within 30 days of purchase.";

    @BeforeEach
    void scriptTheUpstream() {
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenAiUpstreamStub.completion(CITED, 300, 12))));
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).atPriority(1)
                .withRequestBody(containing("NO-CITE"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenAiUpstreamStub.completion(UNCITED, 300, 12))));
    }

    private static void product() {
        spec("");
        TestDocuments.uploadAndWait(PRODUCT, "refunds.md", ("# Refunds\n\nRefunds are accepted within 30 days of "
                + "purchase. A full refund goes back to the original payment method.\n")
                .getBytes(StandardCharsets.UTF_8), "text/markdown");
    }

    /** Puts the product's spec, with {@code extra} fields (e.g. a prompt_gate) added. */
    private static void spec(String extra) {
        given().contentType("application/json").body("""
                {"name": "Gate test", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini"%s}""".formatted(extra))
                .put("/v1/products/" + PRODUCT).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static int version(String instructions) {
        return given().contentType("application/json").body(Map.of("instructions", instructions))
                .post("/v1/products/" + PRODUCT + "/prompts").then().statusCode(201).extract().path("version");
    }

    private static JsonPath evaluated(int version) {
        ValidatableResponse started = given().post("/v1/products/" + PRODUCT + "/prompts/" + version + "/evaluations")
                .then().statusCode(202).body("status", equalTo("running")).body("total", equalTo(3));
        String location = started.extract().header("Location");
        return Eventually.read(() -> given().get(location).then().statusCode(200).extract().jsonPath(),
                json -> !"running".equals(json.getString("status")), Duration.ofSeconds(60));
    }

    private static ValidatableResponse moveProduction(String body) {
        return given().contentType("application/json").body(body)
                .put("/v1/products/" + PRODUCT + "/prompt-labels/production").then();
    }

    @Test
    void aVersionThatStopsCitingFailsTheGateAndOneAsGoodAsProductionPasses() {
        product();
        given().post("/v1/products/" + PRODUCT + "/prompts/1/evaluations").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("has no golden set"));
        given().contentType("application/json").body("""
                {"questions": [
                  {"question": "How long is the refund window?", "sources": ["refunds.md"],
                   "reference": "Refunds are accepted within 30 days of purchase."},
                  {"question": "Where does a refund go?", "sources": ["refunds.md"]},
                  {"question": "Can I get my money back after three weeks?", "sources": ["refunds.md"]}]}""")
                .put("/v1/products/" + PRODUCT + "/golden-set").then().statusCode(200)
                .body("questions[0].sources[0]", equalTo("refunds.md"));
        int good = version("Answer from the passages and cite them as [n].");
        int uncited = version("NO-CITE: answer from the passages.");

        problemOf(moveProduction("{\"version\": " + good + "}"), 409,
                "no finished evaluation of version " + good + " (the candidate)");

        JsonPath production = evaluated(1);
        JsonPath candidate = evaluated(good);
        JsonPath bad = evaluated(uncited);
        assertThat(production.getString("status")).isEqualTo("finished");
        assertThat(production.getInt("completed")).isEqualTo(3);
        assertThat(production.getDouble("summary.citation_hit_rate")).isEqualTo(1.0);
        assertThat(production.getDouble("questions[0].reference_overlap")).isGreaterThan(0.9);
        assertThat(production.getList("questions.cited_sources[0]")).containsOnly("refunds.md");
        assertThat(bad.getDouble("summary.citation_hit_rate")).isZero();
        assertThat(candidate.getDouble("summary.citation_hit_rate")).isEqualTo(1.0);
        // The evaluation's answers are not the product's: nothing stored, nothing in its metrics.
        given().get("/v1/products/" + PRODUCT + "/metrics").then().statusCode(200).body("answers", equalTo(0));

        problemOf(moveProduction("{\"version\": " + uncited + "}"), 409, "citation hit rate: version " + uncited
                + " cites the required sources in 0.0% of the golden questions, 100.0 points below version 1's "
                + "100.0% (allowed: 2, the default; prompt_gate.citation_hit_rate_drop_points in the product spec "
                + "changes it)");

        // The product's own gate: 99.9 points still refuses a 100-point drop and says whose allowance it was; 100
        // lets the version through on the same two evaluations.
        spec(", \"prompt_gate\": {\"citation_hit_rate_drop_points\": 99.9}");
        given().get("/v1/products/" + PRODUCT).then().statusCode(200)
                .body("prompt_gate.citation_hit_rate_drop_points", equalTo(99.9f));
        problemOf(moveProduction("{\"version\": " + uncited + "}"), 409, "100.0 points below version 1's 100.0% "
                + "(allowed by the product's prompt_gate.citation_hit_rate_drop_points: 99.9)");
        spec(", \"prompt_gate\": {\"citation_hit_rate_drop_points\": 100}");
        moveProduction("{\"version\": " + uncited + "}").statusCode(200).body("version", equalTo(uncited));
        moveProduction("{\"version\": 1}").statusCode(200);
        spec("");
        moveProduction("{\"version\": " + good + ", \"reason\": \"evaluated as good\"}").statusCode(200)
                .body("version", equalTo(good));
        assertThat(ask().getInt("prompt_version")).isEqualTo(good);

        // Rollback: back to version 1, which evaluated as well as the one it replaces.
        moveProduction("{\"version\": 1, \"reason\": \"rollback\"}").statusCode(200);
        assertThat(ask().getInt("prompt_version")).isEqualTo(1);

        problemOf(moveProduction("{\"version\": " + uncited + ", \"force\": true}"), 400,
                "a forced move needs a reason");
        moveProduction("{\"version\": " + uncited + ", \"force\": true, \"reason\": \"legal asked for the wording\"}")
                .statusCode(200).body("version", equalTo(uncited));
        moveProduction("{\"version\": 1, \"force\": true, \"reason\": \"back\"}").statusCode(200);
    }

    @Test
    void badGoldenSetsAndEvaluationIdsAreRefusedSayingWhatToFix() {
        problemOf(given().contentType("application/json").body("{\"questions\": [{\"question\": \"x\"}]}")
                .put("/v1/products/support-copilot/golden-set").then(), 400, "questions[0].sources name at least one "
                        + "source");
        problemOf(given().contentType("application/json").body("{\"questions\": []}")
                .put("/v1/products/support-copilot/golden-set").then(), 400, "questions needs 1 to 200 questions");
        problemOf(given().contentType("application/json").body("{\"questions\": [{\"question\": \"x\", \"sources\": "
                + "[\"a.md\"]}]}").put("/v1/products/no-such-product/golden-set").then(), 404,
                "No product has the id 'no-such-product'");
        problemOf(given().get("/v1/products/support-copilot/prompts/1/evaluations/not-an-id").then(), 400,
                "'not-an-id' is not an evaluation id");
        problemOf(given().get("/v1/products/support-copilot/prompts/1/evaluations/"
                + "01a23626-f3e0-7cb5-8cc3-0b73036878a1").then(), 404, "has no evaluation");
        problemOf(given().post("/v1/products/support-copilot/prompts/42/evaluations").then(), 404,
                "has no prompt version 42");
    }

    private static JsonPath ask() {
        return given().contentType("application/json").body(Map.of("product", PRODUCT, "question",
                "How long is the refund window?", "conversation_id", "gate-thread")).post("/v1/answers").then()
                .statusCode(200).extract().jsonPath();
    }

    private static void problemOf(ValidatableResponse response, int status, String detail) {
        response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("detail", containsString(detail));
    }
}
