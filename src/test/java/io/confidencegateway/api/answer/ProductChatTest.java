package io.confidencegateway.api.answer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Chat completions addressed to a product run the product pipeline and carry its verdict. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ProductChatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
    }

    @Test
    void aCompletionAddressedByHeaderCarriesConfidenceCitationsAndUx() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);

        Response response = given().contentType("application/json").header("X-Gateway-Product", "support-copilot")
                .body("""
                        {"model": "anything", "messages": [{"role": "user", "content": "How long is the refund window?"}]}""")
                .post("/v1/chat/completions");

        response.then().statusCode(200);
        var gateway = response.jsonPath();
        assertThat(gateway.getString("choices[0].message.content")).contains("30 days");
        assertThat(gateway.getString("gateway.inference_id")).isEqualTo(response.header("X-Inference-Id"));
        assertThat(gateway.getDouble("gateway.confidence")).isBetween(0.0, 1.0);
        assertThat(gateway.getString("gateway.confidence_label")).endsWith("_confidence");
        assertThat(gateway.getBoolean("gateway.requires_human_review")).isTrue();
        assertThat(gateway.getString("gateway.citations[0].source")).isEqualTo("refund_policy.md");
        assertThat(gateway.getString("gateway.ux.border_color")).startsWith("#");
        given().get("/v1/answers/" + response.header("X-Inference-Id")).then().statusCode(200);
    }

    @Test
    void aStreamAddressedByModelSendsTokensThenTheVerdictBeforeDone() throws Exception {
        OpenAiUpstreamStub.stream(List.of("You can request a full refund ", "within 30 days of purchase [1]."), true,
                true);

        Response response = given().contentType("application/json").body("""
                {"model": "product/support-copilot", "stream": true,
                 "messages": [{"role": "user", "content": "How long is the refund window?"}]}""")
                .post("/v1/chat/completions");

        response.then().statusCode(200);
        var datas = new ArrayList<String>();
        for (String line : response.asString().split("\n")) {
            if (line.startsWith("data: ")) {
                datas.add(line.substring(6));
            }
        }
        assertThat(datas.get(datas.size() - 1)).isEqualTo("[DONE]");
        JsonNode last = JSON.readTree(datas.get(datas.size() - 2));
        assertThat(last.path("gateway").path("confidence").isNumber()).isTrue();
        assertThat(last.path("gateway").path("citations").get(0).path("source").asText()).isEqualTo("refund_policy.md");
        String id = response.header("X-Inference-Id");
        assertThat(last.path("gateway").path("inference_id").asText()).isEqualTo(id);
        assertThat(given().get("/v1/answers/" + id).jsonPath().getString("content"))
                .isEqualTo("You can request a full refund within 30 days of purchase [1].");
    }

    @Test
    void aStreamWithUsageCarriesTheVerdictOnTheFinishChunkTooAndNoLogprobs() throws Exception {
        String created = "\"id\":\"u\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
                + "\"model\":\"gpt-4o\"";
        String logprobs = "\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":-0.01,\"top_logprobs\":[]}]}";
        String body = "data: {" + created + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"You can request a full refund within 30 days of purchase [1].\"}," + logprobs
                + ",\"finish_reason\":null}]}\n\n"
                + "data: {" + created + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {" + created + ",\"choices\":[],\"usage\":{\"prompt_tokens\":800,\"completion_tokens\":15,"
                + "\"total_tokens\":815}}\n\ndata: [DONE]\n\n";
        OpenAiUpstreamStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(OpenAiUpstreamStub.PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "text/event-stream").withBody(body)));

        Response response = given().contentType("application/json").body("""
                {"model": "product/support-copilot", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "user", "content": "How long is the refund window?"}]}""")
                .post("/v1/chat/completions");

        response.then().statusCode(200);
        List<JsonNode> chunks = chunks(response);
        JsonNode usage = chunks.get(chunks.size() - 1);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.path("gateway").path("confidence").isNumber())
                .as("LangChain JS skips the usage chunk; the finish chunk must carry the verdict").isTrue();
        assertThat(finish.path("gateway").path("confidence_label").asText()).endsWith("_confidence");
        assertThat(finish.path("gateway").path("inference_id").asText()).isEqualTo(response.header("X-Inference-Id"));
        assertThat(usage.path("gateway")).isEqualTo(finish.path("gateway"));
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("choices").path(0).has("logprobs"))
                .as("the logprobs the pipeline asked for to score the answer stay inside").isFalse());
    }

    @ParameterizedTest(name = "{0} (stream: {2})")
    @MethodSource
    void optionsAProductCannotHonourAreA400NamingThem(String param, String options, boolean stream) {
        Response response = given().contentType("application/json").header("X-Gateway-Product", "support-copilot")
                .body("{\"model\": \"gpt-4o-mini\", \"stream\": " + stream + ", " + options
                        + ", \"messages\": [{\"role\": \"user\", \"content\": \"How long is the refund window?\"}]}")
                .post("/v1/chat/completions");

        response.then().statusCode(400).contentType(org.hamcrest.Matchers.startsWith("application/json"));
        var error = response.jsonPath();
        assertThat(error.getString("error.param")).isEqualTo(param);
        assertThat(error.getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(error.getString("error.code")).isEqualTo("unsupported_parameter");
        assertThat(error.getString("error.message")).startsWith("'" + param
                + "' cannot be used with product 'support-copilot'").contains("grounded", "call a model alias directly");
        OpenAiUpstreamStub.server().verify(0, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(OpenAiUpstreamStub.PATH)));
    }

    static java.util.stream.Stream<Arguments> optionsAProductCannotHonourAreA400NamingThem() {
        String tools = "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"lookup\"}}]";
        String schema = "\"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"x\", "
                + "\"schema\": {\"type\": \"object\"}}}";
        return java.util.stream.Stream.of(
                Arguments.of("tools", tools, false), Arguments.of("tools", tools, true),
                Arguments.of("n", "\"n\": 2", false), Arguments.of("n", "\"n\": 2", true),
                Arguments.of("response_format", schema, false), Arguments.of("response_format", schema, true));
    }

    @Test
    void optionsThatChangeNothingAreAccepted() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);

        given().contentType("application/json").body("""
                {"model": "product/support-copilot", "n": 1, "response_format": {"type": "text"},
                 "tool_choice": "none", "messages": [{"role": "user", "content": "How long is the refund window?"}]}""")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices", org.hamcrest.Matchers.hasSize(1))
                .body("gateway.confidence_label", org.hamcrest.Matchers.endsWith("_confidence"));
    }

    private static List<JsonNode> chunks(Response response) throws Exception {
        var chunks = new ArrayList<JsonNode>();
        for (String line : response.asString().split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                chunks.add(JSON.readTree(line.substring(6)));
            }
        }
        return chunks;
    }

    @Test
    void anUnknownProductIsA404InOpenAiShape() {
        given().contentType("application/json").body("""
                {"model": "product/nope", "messages": [{"role": "user", "content": "Hi"}]}""")
                .post("/v1/chat/completions").then().statusCode(404)
                .body("error.code", org.hamcrest.Matchers.equalTo("product_not_found"));
    }
}
