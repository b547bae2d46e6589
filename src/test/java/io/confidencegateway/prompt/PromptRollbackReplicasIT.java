package io.confidencegateway.prompt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.confidencegateway.testing.PackagedGateway;
import io.confidencegateway.testing.TestKeys;
import io.confidencegateway.testing.TestDatabase;

/**
 * Two packaged gateways on one PostgreSQL, as two replicas behind a load balancer: production moved to version 2
 * through replica A is served by replica B within 2 s, and the rollback (moving it back, through A) reaches B's
 * requests within 2 s too, with no restart. Runs in the {@code postgres} profile (.ci/run).
 */
@Tag("postgres")
class PromptRollbackReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration WITHIN = Duration.ofSeconds(2);

    @Test
    void aLabelMovedOnOneReplicaServesOnTheOtherWithinTwoSecondsAndSoDoesTheRollback() throws Exception {
        WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
        upstream.start();
        upstream.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
                         "message":{"role":"assistant","content":"Refunds take 30 days."},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":10,"completion_tokens":8,"total_tokens":18}}""")));
        String product = "rollback-" + UUID.randomUUID().toString().substring(0, 8);
        try (PackagedGateway a = start("a", upstream); PackagedGateway b = start("b", upstream)) {
            assertThat(call(a, "PUT", "/v1/products/" + product, """
                    {"name": "Rollback", "max_latency_seconds": 10, "context_window_needs": "short",
                     "hallucination_risk": "low", "requires_citations": false, "human_review_required": false,
                     "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini"}""").statusCode())
                    .isEqualTo(201);
            assertThat(call(a, "POST", "/v1/products/" + product + "/prompts",
                    "{\"instructions\": \"Answer warmly, only from the passages.\"}").statusCode()).isEqualTo(201);
            Awaitility.await("B knows the product").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> b.get("/v1/products/" + product).statusCode() == 200);
            // Both have answered once (the question embedder loads on the first), so the timings below are the move's.
            assertThat(servedVersion(a, product)).isEqualTo(1);
            assertThat(servedVersion(b, product)).isEqualTo(1);

            moveProduction(a, product, 2);
            Awaitility.await("B serves version 2").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> servedVersion(b, product) == 2);
            assertThat(servedVersion(a, product)).as("A serves its own move").isEqualTo(2);

            moveProduction(a, product, 1);
            assertThat(servedVersion(a, product)).as("A rolls back on the next request").isEqualTo(1);
            Awaitility.await("B serves version 1 again").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> servedVersion(b, product) == 1);
            // And stays there: the rollback is not a flicker of one request.
            for (int i = 0; i < 5; i++) {
                assertThat(servedVersion(b, product)).isEqualTo(1);
            }
        } finally {
            upstream.stop();
        }
    }

    private static void moveProduction(PackagedGateway gateway, String product, int version) throws Exception {
        // Forced: the gate (evaluations) is proven elsewhere; this test is about how fast a move spreads.
        HttpResponse<String> moved = call(gateway, "PUT", "/v1/products/" + product + "/prompt-labels/production",
                "{\"version\": " + version + ", \"force\": true, \"reason\": \"replica test\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }

    private static int servedVersion(PackagedGateway gateway, String product) throws Exception {
        HttpResponse<String> answer = call(gateway, "POST", "/v1/answers", JSON.writeValueAsString(Map.of(
                "product", product, "question", "How long do refunds take?",
                "conversation_id", "thread-" + UUID.randomUUID())));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("prompt_version").asInt();
    }

    private static HttpResponse<String> call(PackagedGateway gateway, String method, String path, String body)
            throws Exception {
        return gateway.call(method, path, TestKeys.ADMIN, body);
    }

    private static PackagedGateway start(String name, WireMockServer upstream) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.data-dir", "./" + Files.createTempDirectory(Path.of("target"), "replica-" + name + "-"));
        settings.putAll(TestDatabase.gatewaySettings());
        settings.put("gateway.demo.seed-knowledge", "false");
        settings.put("gateway.knowledge.warm-up", "false");
        settings.put("gateway.providers.openai.base-url", "http://127.0.0.1:" + upstream.port() + "/v1");
        settings.put("gateway.providers.openai.api-key", "sk-fake");
        return PackagedGateway.start(settings, Path.of("target", "failsafe-reports", "rollback-" + name + ".log"),
                START);
    }
}
