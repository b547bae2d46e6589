package io.confidencegateway.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderContractTest;
import io.confidencegateway.provider.ProviderSettings;
import io.vertx.core.Vertx;

class OpenAiCompatibleProviderContractTest extends ChatProviderContractTest {

    private static final String PATH = "/v1/chat/completions";

    @Override
    protected String type() {
        return "openai";
    }

    @Override
    protected ChatProvider create(Vertx vertx, ProviderSettings settings) {
        return new OpenAiCompatibleProviderFactory(vertx, new ObjectMapper()).create(settings);
    }

    @Override
    protected String baseUrl(int port) {
        return "http://127.0.0.1:" + port + "/v1";
    }

    static String completion(String text, int prompt, int completion, JsonNode logprobs) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-up").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "upstream-model-2024");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        if (logprobs != null) {
            choice.set("logprobs", logprobs);
        }
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return root.toString();
    }

    static String chunk(String content, String finishReason) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-up").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", "upstream-model-2024");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        choice.put("finish_reason", finishReason);
        return root.toString();
    }

    static String usageChunk(int prompt, int completion) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-up").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", "upstream-model-2024");
        root.putArray("choices");
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return root.toString();
    }

    static String sse(List<String> datas) {
        StringBuilder body = new StringBuilder();
        datas.forEach(d -> body.append("data: ").append(d).append("\n\n"));
        return body.toString();
    }

    private static List<String> pieceChunks(List<String> pieces) {
        var datas = new java.util.ArrayList<String>();
        datas.add(chunk("", null));
        pieces.forEach(p -> datas.add(chunk(p, null)));
        return datas;
    }

    private void stub(ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    @Override
    protected void stubAnswer(String text, int promptTokens, int completionTokens) {
        stub(aResponse().withHeader("Content-Type", "application/json")
                .withBody(completion(text, promptTokens, completionTokens, null)));
    }

    @Override
    protected void stubStream(List<String> pieces, int promptTokens, int completionTokens) {
        var datas = pieceChunks(pieces);
        datas.add(chunk(null, "stop"));
        datas.add(usageChunk(promptTokens, completionTokens));
        datas.add("[DONE]");
        stub(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse(datas)));
    }

    @Override
    protected void stubStreamWithErrorEvent(List<String> pieces, String message) {
        var datas = pieceChunks(pieces);
        datas.add("{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\"}}");
        stub(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse(datas)));
    }

    @Override
    protected void stubStreamCut(List<String> pieces) {
        stub(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse(pieceChunks(pieces))));
    }

    @Override
    protected void stubError(int status, String message, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}");
        headers.forEach(response::withHeader);
        stub(response);
    }

    @Override
    protected void stubSlow(Duration delay) {
        stub(aResponse().withHeader("Content-Type", "application/json").withBody(completion("late", 1, 1, null))
                .withFixedDelay((int) delay.toMillis()));
    }

    @Override
    protected void stubAnswerWithLogprobs(String text, List<Double> logprobs) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode content = node.putArray("content");
        logprobs.forEach(lp -> content.addObject().put("token", "t").put("logprob", lp).putArray("top_logprobs"));
        stub(aResponse().withHeader("Content-Type", "application/json").withBody(completion(text, 1, 1, node)));
    }

    @Override
    protected void assertOutgoingRequest(LoggedRequest request, String upstreamModel, String apiKey) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + apiKey);
        JsonNode body = readTree(request.getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo(upstreamModel);
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("ping");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("stream")).isFalse();
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("outgoing body is not JSON: " + text, e);
        }
    }
}
