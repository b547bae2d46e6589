package io.confidencegateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
    public static final String WEBHOOK_SECRET = "whsec-test-secret";
    /**
     * The entailment classifier's bearer key: no vendor prefix, no digits, so only the scrubber's knowledge of the
     * configured key can find it in an upstream's text (VerifierSecretsTest).
     */
    public static final String TEI_KEY = "tei-entailment-secret";
    /** Where the fake text-embeddings-inference server of the entailment tier listens ({@code <prefix>/predict}). */
    public static final String TEI_PREFIX = "/tei";
    /** Where the judge tier's upstream listens ({@code <prefix>/v1/chat/completions}). */
    public static final String JUDGE_PREFIX = "/judge";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;
    private static WireMockServer webhooks;
    private static ServerSocket blackhole;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        var config = new java.util.HashMap<String, String>();
        // Review queue: webhook receivers on a server of their own (other tests reset this one), quick retries.
        webhooks = new WireMockServer(wireMockConfig().dynamicPort());
        webhooks.start();
        String hooks = "http://127.0.0.1:" + webhooks.port();
        for (String product : List.of("hooked", "flaky", "down")) {
            config.put("gateway.webhooks.\"" + product + "\".url", hooks + "/hooks/" + product);
            config.put("gateway.webhooks.\"" + product + "\".secret", WEBHOOK_SECRET);
        }
        config.put("gateway.webhook-outbox.max-attempts", "4");
        config.put("gateway.webhook-outbox.first-retry-wait", "50ms");
        config.put("gateway.webhook-outbox.retry-multiplier", "2");
        config.put("gateway.webhook-outbox.poll-interval", "200ms");
        config.put("gateway.providers.openai.base-url", base + "/v1");
        config.put("gateway.providers.openai.api-key", "sk-upstream-secret");
        config.put("gateway.providers.openai.timeout", "3s");
        config.put("gateway.routing.retry-backoff", "20ms");
        config.put("gateway.providers.keyless.type", "openai");
        config.put("gateway.providers.keyless.base-url", "https://api.openai.com/v1");
        config.put("gateway.models.needs-key.provider", "keyless");
        config.put("gateway.models.needs-key.model", "gpt-4o");
        config.put("gateway.http.max-body-size", "64K");
        // A second upstream for failover, on its own path of the same stub server.
        config.put("gateway.providers.backup.type", "openai");
        config.put("gateway.providers.backup.base-url", base + "/backup/v1");
        config.put("gateway.providers.backup.timeout", "3s");
        config.put("gateway.providers.backup.max-retries", "0");
        config.put("gateway.models.resilient.route", "openai:gpt-4o-mini,backup:backup-model,extractive");
        // A provider whose breaker opens quickly, in front of the backup.
        config.put("gateway.providers.fragile.type", "openai");
        config.put("gateway.providers.fragile.base-url", base + "/fragile/v1");
        config.put("gateway.providers.fragile.max-retries", "0");
        config.put("gateway.providers.fragile.circuit-breaker.failure-threshold", "2");
        config.put("gateway.providers.fragile.circuit-breaker.open-for", "1s");
        config.put("gateway.models.fragile-route.route", "fragile:fragile-model,backup:backup-model");
        // A provider nobody listens for.
        config.put("gateway.providers.dead.type", "openai");
        // Port 1 (tcpmux) is privileged and unused: connections are refused at once, and no test server can take it.
        // Credentials in the URL: /v1/models must show where the probe went without them (ModelAvailabilityTest).
        config.put("gateway.providers.dead.base-url", "http://probe-user:probe-pass@127.0.0.1:1/v1");
        config.put("gateway.providers.dead.max-retries", "1");
        config.put("gateway.models.dead-then-backup.route", "dead:dead-model,backup:backup-model");
        // Only the dead provider: GET /v1/models must not call it available (ModelAvailabilityTest).
        config.put("gateway.models.dead-only.route", "dead:dead-model");
        // ---- Fault matrix (FaultMatrixTest) ----
        // "blackhole": a listening socket with an accept backlog of 1 that is never accepted; once FaultMatrixTest
        // has filled its queue, further SYNs get no answer, so connecting times out (300 ms, no retries). Its
        // response timeout is short too, in case a kernel completes the handshake anyway.
        try {
            blackhole = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("gateway.providers.blackhole.type", "openai");
        config.put("gateway.providers.blackhole.base-url", "http://127.0.0.1:" + blackhole.getLocalPort() + "/v1");
        config.put("gateway.providers.blackhole.connect-timeout", "300ms");
        config.put("gateway.providers.blackhole.timeout", "1s");
        config.put("gateway.providers.blackhole.max-retries", "0");
        config.put("gateway.models.blackhole-then-backup.route", "blackhole:blackhole-model,backup:backup-model");
        // A route with no extractive last resort: when both fail, the client gets an error, never a 200.
        config.put("gateway.models.no-fallback.route", "openai:gpt-4o-mini,backup:backup-model");
        // ---- Data residency (ResidencyTest): a US and an EU upstream on one alias, EU first ----
        config.put("gateway.providers.us-east.type", "openai");
        config.put("gateway.providers.us-east.base-url", base + "/us/v1");
        config.put("gateway.providers.us-east.region", "US");
        config.put("gateway.providers.us-east.max-retries", "0");
        config.put("gateway.providers.eu-west.type", "openai");
        config.put("gateway.providers.eu-west.base-url", base + "/eu/v1");
        // Lower case on purpose: regions compare case-insensitively.
        config.put("gateway.providers.eu-west.region", "eu");
        config.put("gateway.providers.eu-west.max-retries", "0");
        // The tests fail it on purpose; its breaker must not open and change what they see.
        config.put("gateway.providers.eu-west.circuit-breaker.failure-threshold", "1000");
        config.put("gateway.models.regional.route", "eu-west:eu-model,us-east:us-model");
        config.put("gateway.models.us-only.route", "us-east:us-model,backup:backup-model");
        // ---- Verifier tiers (VerifierTiersTest): a fake TEI classifier and a judge upstream on this server ----
        config.put("gateway.verifiers.entailment.url", base + TEI_PREFIX);
        config.put("gateway.verifiers.entailment.timeout", "5s");
        config.put("gateway.verifiers.entailment.api-key", TEI_KEY);
        // US, like the shipped providers (ResidencyTest: an EU product never sends to it).
        config.put("gateway.verifiers.entailment.region", "us");
        config.put("gateway.providers.judge-upstream.type", "openai");
        config.put("gateway.providers.judge-upstream.base-url", base + JUDGE_PREFIX + "/v1");
        config.put("gateway.providers.judge-upstream.max-retries", "0");
        config.put("gateway.models.judge-model.provider", "judge-upstream");
        config.put("gateway.models.judge-model.model", "judge-upstream-model");
        config.put("gateway.pricing.models.\"judge-upstream-model\".input-per-1k", "0.001");
        config.put("gateway.pricing.models.\"judge-upstream-model\".output-per-1k", "0.002");
        config.put("gateway.verifiers.judge.model", "judge-model");
        config.put("gateway.verifiers.judge.timeout", "5s");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        if (webhooks != null) {
            webhooks.stop();
        }
        if (blackhole != null) {
            try {
                blackhole.close();
            } catch (IOException ignored) {
                // closing at shutdown
            }
        }
    }

    /** The never-accepting socket behind the {@code blackhole} provider (backlog 1). */
    public static ServerSocket blackhole() {
        return blackhole;
    }

    /** Receives webhooks at {@code /hooks/<product>} for the products hooked, flaky and down. */
    public static WireMockServer webhooks() {
        return webhooks;
    }

    public static WireMockServer server() {
        return server;
    }

    /** Stubs the chat path of another upstream on this server ("/backup/v1/chat/completions"…). */
    public static void answerAt(String prefix, String text) {
        server.stubFor(post(urlPathEqualTo(prefix + "/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(completion(text, 4, 2))));
    }

    public static void errorAt(String prefix, int status, String message) {
        server.stubFor(post(urlPathEqualTo(prefix + "/v1/chat/completions")).willReturn(aResponse()
                .withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\"}}")));
    }

    public static void answer(String text, int prompt, int completion) {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(completion(text, prompt, completion))));
    }

    public static void stream(List<String> pieces, boolean withUsage, boolean withDone) {
        streamAt("", pieces, withUsage, withDone);
    }

    /** Stubs a stream on the chat path of another upstream ("/backup"…), or of the primary with "". */
    public static void streamAt(String prefix, List<String> pieces, boolean withUsage, boolean withDone) {
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
        server.stubFor(post(urlPathEqualTo(prefix + PATH)).willReturn(aResponse().withHeader("Content-Type",
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
