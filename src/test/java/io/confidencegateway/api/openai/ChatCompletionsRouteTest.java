package io.confidencegateway.api.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ChatCompletionsRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = """
            {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "How long is the refund window?"}]}""";

    @BeforeEach
    void reset() {
        OpenAiUpstreamStub.server().resetAll();
    }

    private static Response post(String body) {
        return given().contentType("application/json").body(body).post("/v1/chat/completions");
    }

    private static JsonNode lastUpstreamBody() throws Exception {
        var requests = OpenAiUpstreamStub.server().findAll(postRequestedFor(urlPathEqualTo(OpenAiUpstreamStub.PATH)));
        assertThat(requests).isNotEmpty();
        return JSON.readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    @Test
    void answerIsRelayedWithItsInferenceIdAndUsage() throws Exception {
        OpenAiUpstreamStub.answer("The refund window is 30 days.", 20, 8);

        Response response = post(HELLO);

        response.then().statusCode(200).contentType("application/json");
        String id = response.header("X-Inference-Id");
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        JsonNode body = JSON.readTree(response.asString());
        assertThat(body.path("id").asText()).isEqualTo("chatcmpl-" + id);
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("The refund window is 30 days.");
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(28);
        assertThat(body.path("gateway").path("inference_id").asText()).isEqualTo(id);
        assertThat(body.path("gateway").path("provider").asText()).isEqualTo("openai");
        var upstreamRequest = OpenAiUpstreamStub.server().findAll(postRequestedFor(urlPathEqualTo(
                OpenAiUpstreamStub.PATH))).get(0);
        assertThat(upstreamRequest.getHeader("Authorization")).isEqualTo("Bearer sk-upstream-secret");
        assertThat(lastUpstreamBody().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void everyParameterReachesTheUpstreamAsSent() throws Exception {
        OpenAiUpstreamStub.answer("{}", 5, 2);

        post("""
                {"model": "gpt-4o-mini",
                 "messages": [{"role": "system", "content": "Answer in JSON."},
                              {"role": "user", "content": [{"type": "text", "text": "Hi"}]},
                              {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
                                "function": {"name": "lookup", "arguments": "{}"}}]},
                              {"role": "tool", "tool_call_id": "c1", "content": "found"}],
                 "temperature": 0.3, "top_p": 0.9, "max_completion_tokens": 50, "stop": ["END"], "seed": 7,
                 "user": "agent-42", "logprobs": true, "top_logprobs": 3,
                 "response_format": {"type": "json_object"},
                 "tools": [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}],
                 "tool_choice": "auto", "presence_penalty": 0.5, "top_k": 40}""").then().statusCode(200);

        JsonNode sent = lastUpstreamBody();
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(sent.path("stop").get(0).asText()).isEqualTo("END");
        assertThat(sent.path("seed").asLong()).isEqualTo(7);
        assertThat(sent.path("user").asText()).isEqualTo("agent-42");
        assertThat(sent.path("logprobs").asBoolean()).isTrue();
        assertThat(sent.path("top_logprobs").asInt()).isEqualTo(3);
        assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("lookup");
        assertThat(sent.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(sent.path("presence_penalty").asDouble()).isEqualTo(0.5);
        assertThat(sent.path("top_k").asInt()).as("vendor extras pass through to OpenAI-compatible servers")
                .isEqualTo(40);
        assertThat(sent.path("messages").get(2).path("tool_calls").get(0).path("id").asText()).isEqualTo("c1");
        assertThat(sent.path("messages").get(3).path("tool_call_id").asText()).isEqualTo("c1");
        assertThat(sent.has("stream")).isFalse();
    }

    @Test
    void streamRelaysEveryChunkAndPutsTheEnvelopeOnTheFinishAndUsageChunksThenDone() throws Exception {
        OpenAiUpstreamStub.stream(List.of("The refund ", "window is ", "30 days."), true, true);

        Response response = post("""
                {"model": "gpt-4o-mini", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "user", "content": "How long?"}]}""");

        response.then().statusCode(200).contentType(startsWith("text/event-stream"));
        List<String> events = dataLines(response.asString());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = parse(events.subList(0, events.size() - 1));
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("choices").path(0).path("delta").path("content").asText("")));
        assertThat(text.toString()).isEqualTo("The refund window is 30 days.");
        String id = response.header("X-Inference-Id");
        chunks.forEach(c -> assertThat(c.path("id").asText()).isEqualTo("chatcmpl-" + id));
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage").path("prompt_tokens").asInt()).isEqualTo(12);
        assertThat(last.path("gateway").path("inference_id").asText()).isEqualTo(id);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.path("gateway")).as("clients that skip the usage chunk (LangChain) read it here")
                .isEqualTo(last.path("gateway"));
        assertThat(chunks.subList(0, chunks.size() - 2)).allSatisfy(c -> assertThat(c.has("gateway")).isFalse());
        assertThat(lastUpstreamBody().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamWithoutUsageRequestPutsTheEnvelopeOnTheFinishChunk() throws Exception {
        OpenAiUpstreamStub.stream(List.of("Yes."), true, true);

        Response response = post("""
                {"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "Ok?"}]}""");

        List<String> events = dataLines(response.asString());
        List<JsonNode> chunks = parse(events.subList(0, events.size() - 1));
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("choices")).as("every chunk has a choice").hasSize(1));
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(last.path("gateway").path("inference_id").asText()).isEqualTo(response.header("X-Inference-Id"));
        assertThat(last.has("usage")).isFalse();
    }

    @Test
    void streamCutMidwayEndsWithAnErrorEventAndNoDone() throws Exception {
        OpenAiUpstreamStub.cutStream(List.of("The refund ", "window"));

        Response response = post("""
                {"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "How long?"}]}""");

        response.then().statusCode(200);
        List<String> events = dataLines(response.asString());
        assertThat(events).doesNotContain("[DONE]");
        JsonNode last = JSON.readTree(events.get(events.size() - 1));
        assertThat(last.path("error").path("code").asText()).isEqualTo("stream_interrupted");
        assertThat(last.path("error").path("message").asText()).contains("interrupted");
        JsonNode record = JSON.readTree(given().get("/v1/inferences/" + response.header("X-Inference-Id")).asString());
        assertThat(record.path("status").asText()).isEqualTo("interrupted");
        assertThat(record.path("content").asText()).isEqualTo("The refund window");
    }

    @Test
    void upstreamFailureBeforeTheFirstChunkIsAPlainHttpError() {
        OpenAiUpstreamStub.error(503, "overloaded", Map.of());

        post("""
                {"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}""")
                .then().statusCode(503).contentType("application/json")
                .body("error.code", equalTo("server_error"))
                .body("error.message", containsString("overloaded"));
    }

    @Test
    void rateLimitIsPassedThroughWithRetryAfter() {
        OpenAiUpstreamStub.error(429, "Rate limit reached", Map.of("Retry-After", "12"));

        post(HELLO).then().statusCode(429).header("Retry-After", "12")
                .body("error.code", equalTo("rate_limit_exceeded"))
                .body("error.message", containsString("Rate limit reached"));
    }

    @Test
    void upstreamServerErrorIsBadGateway() {
        OpenAiUpstreamStub.error(500, "boom", Map.of());

        post(HELLO).then().statusCode(502).body("error.type", equalTo("server_error"));
    }

    @Test
    void slowUpstreamIsGatewayTimeoutAndRecorded() throws Exception {
        OpenAiUpstreamStub.slow(6_000);

        Response response = post(HELLO);

        response.then().statusCode(504).body("error.code", equalTo("timeout"));
        JsonNode record = JSON.readTree(given().get("/v1/inferences/" + response.header("X-Inference-Id")).asString());
        assertThat(record.path("status").asText()).isEqualTo("error");
        assertThat(record.path("error_kind").asText()).isEqualTo("timeout");
        assertThat(record.path("http_status").asInt()).isEqualTo(504);
    }

    @Test
    void upstreamCredentialsRefusedIsBadGatewayWithoutTheUpstreamText() {
        OpenAiUpstreamStub.error(401, "Incorrect API key provided: sk-upst***", Map.of());

        post(HELLO).then().statusCode(502)
                .body("error.message", containsString("gateway.providers.openai.api-key"))
                .body(org.hamcrest.Matchers.not(containsString("sk-upst")));
    }

    @Test
    void everyAnswerIsRecordedAndReadableByIdRightAway() throws Exception {
        OpenAiUpstreamStub.answer("Thirty days.", 11, 3);

        String id = post(HELLO).header("X-Inference-Id");

        JsonNode record = JSON.readTree(given().get("/v1/inferences/" + id).then().statusCode(200).extract().asString());
        assertThat(record.path("id").asText()).isEqualTo(id);
        assertThat(record.path("api").asText()).isEqualTo("chat_completions");
        assertThat(record.path("model_alias").asText()).isEqualTo("gpt-4o-mini");
        assertThat(record.path("provider").asText()).isEqualTo("openai");
        assertThat(record.path("upstream_model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(record.path("status").asText()).isEqualTo("ok");
        assertThat(record.path("prompt_tokens").asInt()).isEqualTo(11);
        assertThat(record.path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(record.path("content").asText()).isEqualTo("Thirty days.");
        assertThat(record.path("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(record.path("created_at").asText()).isNotBlank();
    }

    static List<String> dataLines(String body) {
        var datas = new ArrayList<String>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                datas.add(line.substring(6));
            }
        }
        return datas;
    }

    private static List<JsonNode> parse(List<String> datas) throws Exception {
        var nodes = new ArrayList<JsonNode>();
        for (String data : datas) {
            nodes.add(JSON.readTree(data));
        }
        return nodes;
    }
}
