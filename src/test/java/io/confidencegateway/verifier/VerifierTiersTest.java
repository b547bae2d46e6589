package io.confidencegateway.verifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestDocuments;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The verifier tiers over real HTTP: a scripted text-embeddings-inference classifier and a judge model behind an
 * OpenAI-compatible upstream (WireMock, dynamic port), each used only by products that opted in.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class VerifierTiersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEI = OpenAiUpstreamStub.TEI_PREFIX + "/predict";
    private static final String JUDGE = OpenAiUpstreamStub.JUDGE_PREFIX + "/v1/chat/completions";
    private static final String PASSAGE = "You can request a full refund within 30 days of purchase.";
    private static final String ANSWER = "You can get a full refund within 30 days of purchase [1]. "
            + "Refunds can also be paid as store credit [1].";
    private static final String ENTAILED = """
            [{"score": 0.95, "label": "entailment"}, {"score": 0.03, "label": "neutral"},
             {"score": 0.02, "label": "contradiction"}]""";
    private static final String CONTRADICTED = """
            [{"score": 0.91, "label": "contradiction"}, {"score": 0.06, "label": "neutral"},
             {"score": 0.03, "label": "entailment"}]""";

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.answer(ANSWER, 800, 15);
    }

    /** A product with one passage in its knowledge base, so that every answer sentence makes one pair. */
    private static String product(String id, double maxLatencySeconds, List<String> verifiers) throws Exception {
        String spec = """
                {"name": "Verified", "max_latency_seconds": %s, "context_window_needs": "short",
                 "hallucination_risk": "high", "requires_citations": false, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini", "verifiers": %s}"""
                .formatted(maxLatencySeconds, JSON.writeValueAsString(verifiers));
        int put = given().contentType("application/json").body(spec).put("/v1/products/" + id).statusCode();
        assertThat(put).as("PUT product " + id).isIn(200, 201);
        // Uploads index in the background (202): ask only once the passage is searchable.
        TestDocuments.uploadAndWait(id, "refunds.md", ("# Refund window\n\n" + PASSAGE).getBytes(), "text/markdown");
        return id;
    }

    private static JsonPath ask(String product) {
        return given().contentType("application/json")
                .body(Map.of("product", product, "question", "How long is the refund window?"))
                .post("/v1/answers").then().statusCode(200).extract().jsonPath();
    }

    private static void tei(String body, int delayMillis) {
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(TEI)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(body).withFixedDelay(delayMillis)));
    }

    private static void judge(String content, int prompt, int completion) {
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(JUDGE)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(OpenAiUpstreamStub.completion(content, prompt, completion))));
    }

    private static Map<String, Object> signal(JsonPath answer, String name) {
        return answer.getList("signals", Map.class).stream().filter(s -> name.equals(s.get("name")))
                .map(s -> (Map<String, Object>) s).findFirst().orElse(null);
    }

    @Test
    void theEntailmentTierSendsEachSentenceWithThePassageAndFlagsTheOneNoPassageEntails() throws Exception {
        String product = product("tier-entail", 10, List.of("entailment"));
        tei("[" + ENTAILED + "," + CONTRADICTED + "]", 0);

        JsonPath answer = ask(product);

        Map<String, Object> entailment = signal(answer, "entailment");
        assertThat(entailment).as("entailment signal").isNotNull();
        assertThat(((Number) entailment.get("value")).doubleValue()).isCloseTo(0.26, within(1e-4));
        assertThat(((Number) entailment.get("weight")).doubleValue()).isEqualTo(3.0);
        assertThat(entailment.get("reason")).isEqualTo("1 of 2 sentences entailed by a passage; sentence 2 is not "
                + "entailed by any passage (contradiction 0.91); mean support 0.49, weakest 0.03");
        assertThat(answer.getList("unsupported_claims.sentence_index", Integer.class)).contains(1);
        assertThat(answer.getString("unsupported_claims.find { it.sentence_index == 1 }.reason"))
                .contains("no passage entails it (contradiction 0.91)");
        assertThat(answer.getString("usage.verifiers[0].name")).isEqualTo("entailment");
        assertThat(answer.getString("usage.verifiers[0].outcome")).isEqualTo("applied");

        var sent = OpenAiUpstreamStub.server().findAll(postRequestedFor(urlPathEqualTo(TEI)));
        assertThat(sent).hasSize(1);
        JsonNode body = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(body.path("truncate").asBoolean()).isTrue();
        assertThat(body.path("inputs")).hasSize(2);
        assertThat(body.path("inputs").get(0).get(0).asText()).contains(PASSAGE);
        assertThat(body.path("inputs").get(0).get(1).asText()).isEqualTo("You can get a full refund within 30 days "
                + "of purchase.");
        assertThat(body.path("inputs").get(1).get(1).asText()).isEqualTo("Refunds can also be paid as store credit.");
    }

    @Test
    void theJudgeTierLabelsSentencesInStrictJsonAndItsTokensAreInTheAnswersCost() throws Exception {
        String product = product("tier-judge", 10, List.of("judge"));
        judge("""
                {"sentences": [{"index": 1, "label": "supported", "reason": "passage 1 says 30 days"},
                 {"index": 2, "label": "unsupported", "reason": "no passage mentions store credit"}]}""", 400, 60);

        JsonPath answer = ask(product);

        Map<String, Object> judge = signal(answer, "judge");
        assertThat(judge).as("judge signal").isNotNull();
        assertThat(((Number) judge.get("value")).doubleValue()).isEqualTo(0.5);
        assertThat(judge.get("reason")).isEqualTo("the judge found 1 of 2 sentences supported; sentence 2 "
                + "unsupported (no passage mentions store credit)");
        assertThat(answer.getString("unsupported_claims.find { it.sentence_index == 1 }.reason"))
                .contains("judge: no passage mentions store credit");
        // answer model: 800 × 0.00015/1k + 15 × 0.0006/1k = 0.000129; judge: 400 × 0.001/1k + 60 × 0.002/1k = 0.00052
        assertThat(answer.getDouble("usage.verifiers[0].cost_usd")).isCloseTo(0.00052, within(1e-9));
        assertThat(answer.getInt("usage.verifiers[0].prompt_tokens")).isEqualTo(400);
        assertThat(answer.getInt("usage.verifiers[0].completion_tokens")).isEqualTo(60);
        assertThat(answer.getString("usage.verifiers[0].model")).isEqualTo("judge-upstream-model");
        assertThat(answer.getDouble("usage.cost_usd")).isCloseTo(0.000649, within(1e-9));
        assertThat(answer.getInt("usage.prompt_tokens")).as("the answer model's own tokens").isEqualTo(800);

        var sent = OpenAiUpstreamStub.server().findAll(postRequestedFor(urlPathEqualTo(JUDGE)));
        assertThat(sent).hasSize(1);
        JsonNode request = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(request.path("model").asText()).isEqualTo("judge-upstream-model");
        assertThat(request.path("temperature").asDouble()).isEqualTo(0.0);
        String user = request.path("messages").get(1).path("content").asText();
        assertThat(user).contains(PASSAGE).contains("1. You can get a full refund within 30 days of purchase.")
                .contains("2. Refunds can also be paid as store credit.");
        assertThat(request.path("messages").get(0).path("content").asText()).contains("\"sentences\"");
    }

    @Test
    void malformedJudgeJsonAndAFailingClassifierLeaveTheSignalsOutButTheAnswerIsDelivered() throws Exception {
        String product = product("tier-both", 10, List.of("entailment", "judge"));
        judge("The first sentence is supported, the second is not.", 300, 20);
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(TEI)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"model overloaded\"}")));

        JsonPath answer = ask(product);

        assertThat(answer.getString("content")).isEqualTo(ANSWER);
        assertThat(answer.getList("signals.name", String.class)).doesNotContain("entailment", "judge")
                .contains("claim_support");
        assertThat(answer.getString("usage.verifiers.find { it.name == 'judge' }.outcome")).isEqualTo("absent");
        assertThat(answer.getString("usage.verifiers.find { it.name == 'judge' }.reason"))
                .isEqualTo("the judge's reply was malformed: not a JSON object");
        assertThat(answer.getDouble("usage.verifiers.find { it.name == 'judge' }.cost_usd"))
                .as("a malformed reply still cost its tokens").isCloseTo(0.00034, within(1e-9));
        assertThat(answer.getString("usage.verifiers.find { it.name == 'entailment' }.outcome")).isEqualTo("absent");
        assertThat(answer.getString("usage.verifiers.find { it.name == 'entailment' }.reason"))
                .startsWith("the call failed: ").contains("500");
    }

    @Test
    void aJudgeUpstreamErrorIsAnAbsentSignalNamingTheFailure() throws Exception {
        String product = product("tier-judge", 10, List.of("judge"));
        OpenAiUpstreamStub.errorAt(OpenAiUpstreamStub.JUDGE_PREFIX, 500, "judge exploded");

        JsonPath answer = ask(product);

        assertThat(answer.getList("signals.name", String.class)).doesNotContain("judge");
        assertThat(answer.getString("usage.verifiers[0].reason")).startsWith("the judge model failed: ");
        assertThat(answer.getDouble("usage.cost_usd")).isCloseTo(0.000129, within(1e-9));
    }

    @Test
    void aClassifierSlowerThanTheBudgetLeftIsCutOffAndTheAnswerArrivesInTime() throws Exception {
        String product = product("tier-tight", 3, List.of("entailment"));
        tei("[" + ENTAILED + "," + ENTAILED + "]", 6_000);

        long started = System.nanoTime();
        JsonPath answer = ask(product);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.getString("handoff")).isNull();
        assertThat(answer.getList("signals.name", String.class)).doesNotContain("entailment");
        assertThat(answer.getString("usage.verifiers[0].reason")).matches("no reply within \\d+ ms \\(what was left of "
                + "the product's latency budget\\)");
        assertThat(tookMillis).as("the caller was not kept waiting for the slow classifier").isLessThan(5_000);
    }

    @Test
    void theOpenApiProductSchemaDescribesTheOptIn() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();

        assertThat(doc.getString("components.schemas.ProductSpec.properties.verifiers.description"))
                .contains("\"entailment\"").contains("\"judge\"").contains("400");
    }

    @Test
    void aProductThatDidNotOptInMakesNoVerifierCall() throws Exception {
        String product = product("tier-none", 10, List.of());
        tei("[" + ENTAILED + "," + ENTAILED + "]", 0);
        judge("{\"sentences\": []}", 1, 1);

        JsonPath answer = ask(product);

        assertThat(answer.getList("signals.name", String.class)).doesNotContain("entailment", "judge");
        assertThat(answer.getString("usage.verifiers")).isNull();
        OpenAiUpstreamStub.server().verify(0, postRequestedFor(urlPathEqualTo(TEI)));
        OpenAiUpstreamStub.server().verify(0, postRequestedFor(urlPathEqualTo(JUDGE)));
    }
}
