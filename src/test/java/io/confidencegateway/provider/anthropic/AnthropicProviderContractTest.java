package io.confidencegateway.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderContractTest;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.ProviderSettings;
import io.vertx.core.Vertx;

class AnthropicProviderContractTest extends ChatProviderContractTest {

    private static final String PATH = "/v1/messages";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Override
    protected String type() {
        return "anthropic";
    }

    @Override
    protected ChatProvider create(Vertx vertx, ProviderSettings settings) {
        return new AnthropicProviderFactory(vertx, new ObjectMapper()).create(settings);
    }

    @Override
    protected String baseUrl(int port) {
        return "http://127.0.0.1:" + port + "/v1";
    }

    private static ObjectNode message(String stopReason, int input, int output) {
        ObjectNode root = JSON.createObjectNode().put("id", "msg_01up").put("type", "message")
                .put("role", "assistant").put("model", "upstream-model-2024").put("stop_reason", stopReason);
        root.putNull("stop_sequence");
        root.putArray("content");
        root.putObject("usage").put("input_tokens", input).put("output_tokens", output);
        return root;
    }

    private static ArrayNode content(ObjectNode message) {
        return (ArrayNode) message.get("content");
    }

    static String textMessage(String text, int input, int output) {
        ObjectNode root = message("end_turn", input, output);
        content(root).addObject().put("type", "text").put("text", text);
        return root.toString();
    }

    /** One SSE event as Anthropic writes it: the event name, then its JSON with the same {@code type}. */
    private static String event(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    private static String messageStart(int input) {
        ObjectNode start = message(null, input, 1);
        return event("message_start", "{\"type\":\"message_start\",\"message\":" + start + "}");
    }

    private static String textBlockWithPieces(int index, List<String> pieces) {
        StringBuilder events = new StringBuilder(event("content_block_start", "{\"type\":\"content_block_start\","
                + "\"index\":" + index + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        events.append(event("ping", "{\"type\":\"ping\"}"));
        for (String piece : pieces) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            events.append(event("content_block_delta", delta.toString()));
        }
        return events.toString();
    }

    private static String blockStop(int index) {
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    private static String end(String stopReason, int output) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + output + "}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private void stub(ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    private void stubEvents(String events) {
        stub(aResponse().withHeader("Content-Type", "text/event-stream").withBody(events));
    }

    @Override
    protected void stubAnswer(String text, int promptTokens, int completionTokens) {
        stub(aResponse().withHeader("Content-Type", "application/json")
                .withBody(textMessage(text, promptTokens, completionTokens)));
    }

    @Override
    protected void stubStream(List<String> pieces, int promptTokens, int completionTokens) {
        stubEvents(messageStart(promptTokens) + textBlockWithPieces(0, pieces) + blockStop(0)
                + end("end_turn", completionTokens));
    }

    @Override
    protected void stubStreamWithErrorEvent(List<String> pieces, String message) {
        stubEvents(messageStart(5) + textBlockWithPieces(0, pieces) + event("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"" + message + "\"}}"));
    }

    @Override
    protected void stubStreamCut(List<String> pieces) {
        stubEvents(messageStart(5) + textBlockWithPieces(0, pieces));
    }

    @Override
    protected void stubError(int status, String message, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\""
                        + message + "\"}}");
        headers.forEach(response::withHeader);
        stub(response);
    }

    @Override
    protected void stubSlow(Duration delay) {
        stub(aResponse().withHeader("Content-Type", "application/json").withBody(textMessage("late", 1, 1))
                .withFixedDelay((int) delay.toMillis()));
    }

    @Override
    protected void assertOutgoingRequest(LoggedRequest request, String upstreamModel, String apiKey) {
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(request.getHeader("x-api-key")).isEqualTo(apiKey);
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = readTree(request.getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo(upstreamModel);
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("messages")).hasSize(1);
        JsonNode turn = body.path("messages").get(0);
        assertThat(turn.path("role").asText()).isEqualTo("user");
        assertThat(turn.path("content").get(0).path("text").asText()).isEqualTo("ping");
        assertThat(body.has("stream")).isFalse();
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = upstream.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static ProviderFailure failureOf(Throwable thrown) {
        assertThat(thrown).isInstanceOf(ProviderException.class);
        return ((ProviderException) thrown).failure();
    }

    @Test
    void overloadedIsAServerError() {
        stubError(529, "Overloaded", Map.of());

        assertThatThrownBy(() -> provider().chat(question("q")).await().atMost(WAIT))
                .satisfies(e -> assertThat(failureOf(e))
                        .isEqualTo(new ProviderFailure.ServerError("stub-anthropic", 529, "Overloaded")));
    }

    @Test
    void toolUseAnswerBecomesToolCallsWithArgumentsAsJsonText() {
        ObjectNode answer = message("tool_use", 40, 12);
        content(answer).addObject().put("type", "text").put("text", "Let me look.");
        ObjectNode use = content(answer).addObject().put("type", "tool_use").put("id", "toolu_1")
                .put("name", "weather");
        use.putObject("input").put("city", "Oslo");
        stub(aResponse().withHeader("Content-Type", "application/json").withBody(answer.toString()));

        ChatResponse response = provider().chat(question("Weather?")).await().atMost(WAIT);

        ChatResponse.Choice choice = response.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo("tool_calls");
        assertThat(choice.message().text()).isEqualTo("Let me look.");
        JsonNode call = choice.message().toolCalls().get(0);
        assertThat(call.path("id").asText()).isEqualTo("toolu_1");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("weather");
        assertThat(readTree(call.path("function").path("arguments").asText()).path("city").asText())
                .isEqualTo("Oslo");
        assertThat(response.id()).isEqualTo("msg_01up");
        assertThat(response.model()).isEqualTo("upstream-model-2024");
        assertThat(response.created()).isPositive();
    }

    @Test
    void streamedToolUseBecomesIndexedToolCallDeltas() {
        String toolStart = event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"weather\",\"input\":{}}}");
        String args1 = event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}");
        String args2 = event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                + "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Oslo\\\"}\"}}");
        stubEvents(messageStart(30) + textBlockWithPieces(0, List.of("Checking.")) + blockStop(0) + toolStart
                + args1 + args2 + blockStop(1) + end("tool_use", 20));

        List<ChatChunk> chunks = provider().stream(request("Weather?", true, null)).collect().asList().await()
                .atMost(WAIT);

        assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        var calls = new ArrayList<JsonNode>();
        chunks.stream().filter(c -> !c.choices().isEmpty() && c.choices().get(0).delta().toolCalls() != null)
                .forEach(c -> c.choices().get(0).delta().toolCalls().forEach(calls::add));
        assertThat(calls.get(0).path("index").asInt()).isZero();
        assertThat(calls.get(0).path("id").asText()).isEqualTo("toolu_9");
        assertThat(calls.get(0).path("function").path("name").asText()).isEqualTo("weather");
        StringBuilder arguments = new StringBuilder();
        calls.forEach(c -> arguments.append(c.path("function").path("arguments").asText()));
        assertThat(readTree(arguments.toString()).path("city").asText()).isEqualTo("Oslo");
        assertThat(chunks.stream().map(ChatChunk::finishReason).filter(java.util.Objects::nonNull))
                .containsExactly("tool_calls");
        ChatChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().promptTokens()).isEqualTo(30);
        assertThat(last.usage().completionTokens()).isEqualTo(20);
    }

    @Test
    void streamRequestAsksForEventsAndSaysStream() {
        stubStream(List.of("ok"), 1, 1);

        provider().stream(request("q", true, null)).collect().asList().await().atMost(WAIT);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getHeader("Accept")).isEqualTo("text/event-stream");
        assertThat(readTree(sent.getBodyAsString()).path("stream").asBoolean()).isTrue();
    }

    @Test
    void configuredApiVersionIsSent() {
        stubAnswer("ok", 1, 1);
        ProviderSettings base = settings(baseUrl(upstream.port()));
        ProviderSettings versioned = new ProviderSettings(base.name(), base.type(), base.baseUrl(), base.apiKey(),
                base.timeout(), base.connectTimeout(), base.streamIdleTimeout(), Optional.of("2024-01-01"),
                base.headers(), base.maxConnections());

        create(vertx, versioned).chat(question("q")).await().atMost(WAIT);

        assertThat(onlyRequest().getHeader("anthropic-version")).isEqualTo("2024-01-01");
    }

    @Test
    void requestAnthropicCannotExpressIsRejectedWithoutCallingUpstream() {
        var audio = JSON.createArrayNode();
        audio.addObject().put("type", "input_audio").putObject("input_audio").put("data", "AAAA");
        var request = new ChatRequest("upstream-model", List.of(new ChatMessage("user", audio, null, null, null,
                null)), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        assertThatThrownBy(() -> provider().chat(request).await().atMost(WAIT)).satisfies(e -> {
            var failure = (ProviderFailure.Rejected) failureOf(e);
            assertThat(failure.callerAtFault()).isTrue();
            assertThat(failure.message()).contains("input_audio");
        });
        assertThat(upstream.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void onlyThePublicEndpointRequiresAKey() {
        var factory = new AnthropicProviderFactory(vertx, new ObjectMapper());

        assertThat(factory.requiresApiKey(factory.defaultBaseUrl())).isTrue();
        assertThat(factory.requiresApiKey("http://localhost:8080/v1")).isFalse();
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
