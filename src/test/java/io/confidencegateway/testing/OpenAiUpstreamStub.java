package io.confidencegateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stub OpenAI upstream over real HTTP (WireMock, dynamic port) that the gateway's {@code openai} provider is
 * pointed at, plus a provider that lacks its key, for the API tests.
 */
public class OpenAiUpstreamStub implements QuarkusTestResourceLifecycleManager {

    public static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return Map.of(
                "gateway.providers.openai.base-url", "http://127.0.0.1:" + server.port() + "/v1",
                "gateway.providers.openai.api-key", "sk-upstream-secret",
                "gateway.providers.openai.timeout", "1500ms",
                "gateway.providers.keyless.type", "openai",
                "gateway.providers.keyless.base-url", "https://api.openai.com/v1",
                "gateway.models.needs-key.provider", "keyless",
                "gateway.models.needs-key.model", "gpt-4o",
                "gateway.http.max-body-size", "64K");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer server() {
        return server;
    }

    public static void answer(String text, int prompt, int completion) {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(completion(text, prompt, completion))));
    }

    public static void stream(List<String> pieces, boolean withUsage, boolean withDone) {
        StringBuilder body = new StringBuilder();
        body.append(event(chunk("", null, true)));
        pieces.forEach(p -> body.append(event(chunk(p, null, false))));
        body.append(event(chunk(null, "stop", false)));
        if (withUsage) {
            ObjectNode usage = base("chat.completion.chunk");
            usage.putArray("choices");
            usage.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", pieces.size())
                    .put("total_tokens", 12 + pieces.size());
            body.append(event(usage.toString()));
        }
        if (withDone) {
            body.append("data: [DONE]\n\n");
        }
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type",
                "text/event-stream").withBody(body.toString())));
    }

    /** A stream that sends those pieces and then stops: no finish reason, no [DONE]. */
    public static void cutStream(List<String> pieces) {
        StringBuilder body = new StringBuilder();
        body.append(event(chunk("", null, true)));
        pieces.forEach(p -> body.append(event(chunk(p, null, false))));
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type",
                "text/event-stream").withBody(body.toString())));
    }

    public static void error(int status, String message, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\"}}");
        headers.forEach(response::withHeader);
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
    }

    public static void slow(int millis) {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(completion("late", 1, 1)).withFixedDelay(millis)));
    }

    public static String completion(String text, int prompt, int completion) {
        ObjectNode root = base("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return root.toString();
    }

    private static String chunk(String content, String finishReason, boolean role) {
        ObjectNode root = base("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (role) {
            delta.put("role", "assistant");
        }
        if (content != null) {
            delta.put("content", content);
        }
        choice.put("finish_reason", finishReason);
        return root.toString();
    }

    private static ObjectNode base(String object) {
        return JSON.createObjectNode().put("id", "chatcmpl-upstream").put("object", object)
                .put("created", 1_764_000_000).put("model", "gpt-4o-mini-2024-07-18");
    }

    private static String event(String data) {
        return "data: " + data + "\n\n";
    }
}
