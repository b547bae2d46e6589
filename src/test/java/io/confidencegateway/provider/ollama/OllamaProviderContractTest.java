package io.confidencegateway.provider.ollama;

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
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderContractTest;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.ProviderSettings;
import io.vertx.core.Vertx;

class OllamaProviderContractTest extends ChatProviderContractTest {

    private static final String PATH = "/api/chat";
    private static final String CREATED_AT = "2024-11-14T22:13:20.123456789Z";

    @Override
    protected String type() {
        return "ollama";
    }

    @Override
    protected ChatProvider create(Vertx vertx, ProviderSettings settings) {
        return new OllamaProviderFactory(vertx, new ObjectMapper()).create(settings);
    }

    @Override
    protected String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    static ObjectNode line(String content, boolean done) {
        ObjectNode root = JSON.createObjectNode().put("model", "upstream-model").put("created_at", CREATED_AT);
        root.putObject("message").put("role", "assistant").put("content", content);
        root.put("done", done);
        return root;
    }

    static ObjectNode finalLine(String content, String doneReason, int prompt, int completion) {
        return line(content, true).put("done_reason", doneReason).put("total_duration", 4_883_583_458L)
                .put("load_duration", 1_334_875).put("prompt_eval_count", prompt)
                .put("prompt_eval_duration", 342_546_000).put("eval_count", completion)
                .put("eval_duration", 4_535_599_000L);
    }

    static String ndjson(List<ObjectNode> lines) {
        StringBuilder body = new StringBuilder();
        lines.forEach(l -> body.append(l).append('\n'));
        return body.toString();
    }

    private static List<ObjectNode> pieceLines(List<String> pieces) {
        var lines = new ArrayList<ObjectNode>();
        pieces.forEach(p -> lines.add(line(p, false)));
        return lines;
    }

    private void stub(ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    private void stubNdjson(String body) {
        stub(aResponse().withHeader("Content-Type", "application/x-ndjson").withBody(body));
    }

    @Override
    protected void stubAnswer(String text, int promptTokens, int completionTokens) {
        stub(aResponse().withHeader("Content-Type", "application/json")
                .withBody(finalLine(text, "stop", promptTokens, completionTokens).toString()));
    }

    @Override
    protected void stubStream(List<String> pieces, int promptTokens, int completionTokens) {
        var lines = pieceLines(pieces);
        lines.add(finalLine("", "stop", promptTokens, completionTokens));
        stubNdjson(ndjson(lines));
    }

    @Override
    protected void stubStreamWithErrorEvent(List<String> pieces, String message) {
        stubNdjson(ndjson(pieceLines(pieces)) + JSON.createObjectNode().put("error", message) + "\n");
    }

    @Override
    protected void stubStreamCut(List<String> pieces) {
        stubNdjson(ndjson(pieceLines(pieces)));
    }

    @Override
    protected void stubError(int status, String message, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(JSON.createObjectNode().put("error", message).toString());
        headers.forEach(response::withHeader);
        stub(response);
    }

    @Override
    protected void stubSlow(Duration delay) {
        stub(aResponse().withHeader("Content-Type", "application/json")
                .withBody(finalLine("late", "stop", 1, 1).toString()).withFixedDelay((int) delay.toMillis()));
    }

    @Override
    protected void assertOutgoingRequest(LoggedRequest request, String upstreamModel, String apiKey) {
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + apiKey);
        JsonNode body = readTree(request.getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo(upstreamModel);
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("ping");
        assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(64);
        assertThat(body.path("stream").isBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isFalse();
    }

    @Test
    void unknownModelStaysARejected404WithOllamasMessage() {
        stubError(404, "model \"upstream-model\" not found, try pulling it first", Map.of());

        assertThatThrownBy(() -> provider().chat(question("q")).await().atMost(Duration.ofSeconds(5)))
                .satisfies(e -> {
                    var failure = ((ProviderException) e).failure();
                    assertThat(failure).isEqualTo(new ProviderFailure.Rejected("stub-ollama", 404,
                            "model \"upstream-model\" not found, try pulling it first"));
                    assertThat(failure.message()).contains("not found, try pulling it first");
                });
    }

    @Test
    void noKeyConfiguredSendsNoAuthorization() {
        stubAnswer("ok", 1, 1);
        var settings = settings(baseUrl(upstream.port()));
        var keyless = new ProviderSettings(settings.name(), settings.type(), settings.baseUrl(), Optional.empty(),
                settings.timeout(), settings.connectTimeout(), settings.streamIdleTimeout(), Optional.empty(),
                Map.of(), 8);

        create(vertx, keyless).chat(question("ping")).await().atMost(Duration.ofSeconds(5));

        assertThat(upstream.findAll(anyRequestedFor(anyUrl())).get(0).containsHeader("Authorization")).isFalse();
    }

    @Test
    void streamRequestSaysStreamTrueExplicitly() {
        stubStream(List.of("a"), 1, 1);

        provider().stream(request("q", true, null)).collect().asList().await().atMost(Duration.ofSeconds(5));

        JsonNode body = readTree(upstream.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString());
        assertThat(body.path("stream").isBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isTrue();
    }

    @Test
    void streamedToolCallEndsWithToolCallsFinishReason() {
        ObjectNode call = line("", false);
        ((ObjectNode) call.get("message")).putArray("tool_calls").addObject().putObject("function").put("name", "lookup")
                .putObject("arguments").put("order", 42);
        stubNdjson(ndjson(List.of(call, finalLine("", "stop", 5, 3))));

        List<ChatChunk> chunks = provider().stream(request("q", true, null)).collect().asList().await()
                .atMost(Duration.ofSeconds(5));

        JsonNode toolCalls = chunks.get(0).choices().get(0).delta().toolCalls();
        assertThat(toolCalls.get(0).path("id").asText()).isEqualTo("call_0");
        assertThat(toolCalls.get(0).path("function").path("arguments").asText()).isEqualTo("{\"order\":42}");
        assertThat(chunks.stream().map(ChatChunk::finishReason).filter(java.util.Objects::nonNull))
                .containsExactly("tool_calls");
    }

    @Test
    void lineThatIsNotJsonInterruptsTheStream() {
        stubNdjson(ndjson(pieceLines(List.of("Partial "))) + "<html>proxy error</html>\n");

        assertThatThrownBy(() -> provider().stream(request("q", true, null)).collect().asList().await()
                .atMost(Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(((ProviderException) e).failure())
                        .isInstanceOf(ProviderFailure.StreamInterrupted.class));
    }

    @Test
    void remoteImageIsRefusedBeforeAnyCall() {
        var parts = JSON.createArrayNode();
        parts.addObject().put("type", "text").put("text", "What is this?");
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://example.com/cat.png");
        var request = new ChatRequest("upstream-model", List.of(new ChatMessage("user", parts, null, null, null, null)),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);

        assertThatThrownBy(() -> provider().chat(request).await().atMost(Duration.ofSeconds(5)))
                .satisfies(e -> {
                    var failure = ((ProviderException) e).failure();
                    assertThat(failure).isInstanceOf(ProviderFailure.Rejected.class);
                    assertThat(failure.message()).contains("only data: URLs");
                });
        assertThat(upstream.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("outgoing body is not JSON: " + text, e);
        }
    }
}
