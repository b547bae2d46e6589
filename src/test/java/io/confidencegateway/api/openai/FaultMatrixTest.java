package io.confidencegateway.api.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.confidencegateway.api.openai.FaultMatrix.BACKUP;
import static io.confidencegateway.api.openai.FaultMatrix.BACKUP_TEXT;
import static io.confidencegateway.api.openai.FaultMatrix.PRIMARY;
import static io.confidencegateway.api.openai.FaultMatrix.ask;
import static io.confidencegateway.api.openai.FaultMatrix.calls;
import static io.confidencegateway.api.openai.FaultMatrix.closeBreakers;
import static io.confidencegateway.api.openai.FaultMatrix.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.confidencegateway.provider.ProviderRegistry;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The fault matrix of issue 5 for whole answers (streams: {@link StreamFaultMatrixTest}), over real HTTP against
 * scripted upstreams: for each upstream fault, what the client
 * sees (status, body shape, which provider answered; never a 200 with a cut answer that looks complete) and what
 * is recorded ({@code GET /v1/inferences/{X-Inference-Id}}: status, error_kind, every attempt's outcome).
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class FaultMatrixTest {

    @Inject
    ProviderRegistry registry;

    private final List<Socket> backlogFillers = new ArrayList<>();

    @BeforeEach
    void reset() {
        OpenAiUpstreamStub.server().resetAll();
        closeBreakers(registry);
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Socket socket : backlogFillers) {
            socket.close();
        }
        closeBreakers(registry);
    }

    // ---- whole answers: every fault before the answer fails over to the backup --------------------------------

    static Stream<Arguments> failovers() {
        return Stream.of(
                Arguments.of("1. HTTP 500: not retried, fails over", "resilient",
                        (Runnable) () -> OpenAiUpstreamStub.error(500, "boom", Map.of()),
                        PRIMARY, 1, List.of("server_error", "ok"), "HTTP 500"),
                Arguments.of("2. HTTP 502: retried once, then fails over", "resilient",
                        (Runnable) () -> OpenAiUpstreamStub.error(502, "bad gateway", Map.of()),
                        PRIMARY, 2, List.of("server_error", "server_error", "ok"), "HTTP 502"),
                Arguments.of("3. HTTP 503: retried once, then fails over", "resilient",
                        (Runnable) () -> OpenAiUpstreamStub.error(503, "overloaded", Map.of()),
                        PRIMARY, 2, List.of("server_error", "server_error", "ok"), "HTTP 503"),
                Arguments.of("4. HTTP 429, Retry-After 30 s (over max-retry-after): no wait, fails over", "resilient",
                        (Runnable) () -> OpenAiUpstreamStub.error(429, "Rate limit reached",
                                Map.of("Retry-After", "30")),
                        PRIMARY, 1, List.of("rate_limited", "ok"), "Rate limit reached"),
                // Retry-After: 0 asks for an immediate retry (a zero wait, as full jitter also draws now and then).
                Arguments.of("4. HTTP 429, Retry-After 0: retried at once, then fails over", "resilient",
                        (Runnable) () -> OpenAiUpstreamStub.error(429, "Rate limit reached",
                                Map.of("Retry-After", "0")),
                        PRIMARY, 2, List.of("rate_limited", "rate_limited", "ok"), "Rate limit reached"),
                Arguments.of("5. connection refused (port 1): retried, fails over", "dead-then-backup",
                        (Runnable) () -> { }, null, 0, List.of("connect_failed", "connect_failed", "ok"),
                        "connection refused"),
                Arguments.of("7. first byte later than the provider timeout (3 s): fails over", "resilient",
                        (Runnable) () -> OpenAiUpstreamStub.slow(4_500),
                        PRIMARY, 1, List.of("timeout", "ok"), "did not answer within 3000 ms"),
                Arguments.of("8. 200 with malformed JSON: fails over", "resilient",
                        (Runnable) () -> OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(PRIMARY))
                                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                                        .withBody("{\"id\": \"chatcmpl-1\", \"choices\": [{\"message\": {\"cont"))),
                        PRIMARY, 1, List.of("malformed_response", "ok"), "not a chat completion"),
                Arguments.of("9. 200 with \"choices\": []: fails over", "resilient",
                        (Runnable) () -> OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(PRIMARY))
                                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                                        .withBody("{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", "
                                                + "\"created\": 1764000000, \"model\": \"gpt-4o-mini\", "
                                                + "\"choices\": []}"))),
                        PRIMARY, 1, List.of("malformed_response", "ok"), "no choices"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failovers")
    void aFaultBeforeTheAnswerFailsOverToTheBackup(String label, String alias, Runnable fault, String primaryPath,
            int primaryCalls, List<String> outcomes, String detail) {
        fault.run();
        OpenAiUpstreamStub.answerAt("/backup", BACKUP_TEXT);

        Response response = ask(alias, false);

        response.then().statusCode(200).contentType("application/json");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("choices[0].message.content")).isEqualTo(BACKUP_TEXT);
        assertThat(body.getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(body.getString("gateway.provider")).isEqualTo("backup");
        assertThat(body.getList("gateway.attempts.outcome")).isEqualTo(outcomes);
        if (primaryPath != null) {
            assertThat(calls(primaryPath)).as("calls to the failing primary").isEqualTo(primaryCalls);
        }
        assertThat(calls(BACKUP)).isEqualTo(1);

        JsonPath record = record(response);
        assertThat(record.getString("status")).isEqualTo("ok");
        assertThat(record.getString("error_kind")).isNull();
        assertThat(record.getInt("http_status")).isEqualTo(200);
        assertThat(record.getString("provider")).isEqualTo("backup");
        assertThat(record.getString("upstream_model")).isEqualTo("backup-model");
        assertThat(record.getString("content")).isEqualTo(BACKUP_TEXT);
        assertThat(record.getList("attempts.outcome")).isEqualTo(outcomes);
        assertThat(record.getList("attempts.provider").subList(0, outcomes.size() - 1))
                .allMatch(provider -> !"backup".equals(provider));
        assertThat(record.getString("attempts[0].detail")).contains(detail);
        // Bounded: the slowest row waits out the 3 s provider timeout; the 429 row would take at least 30 s had the
        // gateway honoured a Retry-After above gateway.routing.max-retry-after (5 s).
        assertThat(record.getLong("latency_ms")).isLessThan(10_000);
    }

    @Test
    void case4_rateLimitOnASingleProviderAliasIsPassedThroughWithItsRetryAfter() {
        OpenAiUpstreamStub.error(429, "Rate limit reached", Map.of("Retry-After", "30"));

        Response response = ask("gpt-4o-mini", false);

        response.then().statusCode(429).contentType("application/json").header("Retry-After", "30");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("error.type")).isEqualTo("rate_limit_error");
        assertThat(body.getString("error.code")).isEqualTo("rate_limit_exceeded");
        assertThat(body.getString("error.message")).contains("Rate limit reached");
        assertThat(body.getMap("")).doesNotContainKey("choices");
        assertThat(calls(PRIMARY)).as("no retry: the wait asked for is over max-retry-after").isEqualTo(1);

        JsonPath record = record(response);
        assertThat(record.getString("status")).isEqualTo("error");
        assertThat(record.getString("error_kind")).isEqualTo("rate_limited");
        assertThat(record.getInt("http_status")).isEqualTo(429);
        assertThat(record.getList("attempts.outcome")).containsExactly("rate_limited");
    }

    @Test
    void case6_connectTimeoutFailsOverToTheBackup() throws IOException {
        boolean synsUnanswered = fillBacklog();
        OpenAiUpstreamStub.answerAt("/backup", BACKUP_TEXT);

        Response response = ask("blackhole-then-backup", false);

        response.then().statusCode(200);
        assertThat(response.jsonPath().getString("choices[0].message.content")).isEqualTo(BACKUP_TEXT);
        assertThat(response.jsonPath().getString("gateway.provider")).isEqualTo("backup");
        JsonPath record = record(response);
        assertThat(record.getString("status")).isEqualTo("ok");
        assertThat(record.getString("provider")).isEqualTo("backup");
        assertThat(record.getList("attempts.provider")).containsExactly("blackhole", "backup");
        if (synsUnanswered) {
            assertThat(record.getList("attempts.outcome")).containsExactly("connect_failed", "ok");
            assertThat(record.getString("attempts[0].detail")).contains("connect timeout");
            assertThat(record.getLong("attempts[0].elapsed_ms")).isLessThan(3_000);
        } else {
            // This kernel completed the handshake although the accept queue was full (the probe connected), so the
            // gateway's connect cannot time out here: what remains observable is the request going unanswered on
            // an accepted-but-never-served connection, i.e. the provider's 1 s response timeout.
            assertThat(record.getList("attempts.outcome")).containsExactly("timeout", "ok");
            assertThat(record.getString("attempts[0].detail")).contains("(response)");
        }
    }

    /**
     * Fills the blackhole socket's accept queue (backlog 1) with plain client connections so that further SYNs go
     * unanswered; returns whether a probe connection then indeed times out.
     */
    private boolean fillBacklog() throws IOException {
        int port = OpenAiUpstreamStub.blackhole().getLocalPort();
        for (int i = 0; i < 3; i++) {
            if (!connect(port)) {
                break;
            }
        }
        return !connect(port);
    }

    private boolean connect(int port) throws IOException {
        var socket = new Socket();
        backlogFillers.add(socket);
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (SocketTimeoutException noAnswer) {
            return false;
        }
    }

    // ---- every provider down, no extractive last resort: an OpenAI-shaped error, never a 200 -------------------

    static Stream<Arguments> allDown() {
        return Stream.of(
                Arguments.of(500, 502, 502, List.of("server_error", "server_error")),
                Arguments.of(503, 503, 503, List.of("server_error", "server_error", "server_error")));
    }

    @ParameterizedTest(name = "13. openai {0}, backup {1} -> {2}")
    @MethodSource("allDown")
    void case13_whenEveryProviderIsDownTheClientGetsAnErrorListingTheAttempts(int primaryStatus, int backupStatus,
            int expected, List<String> outcomes) {
        OpenAiUpstreamStub.error(primaryStatus, "primary down", Map.of());
        OpenAiUpstreamStub.errorAt("/backup", backupStatus, "backup down");

        for (boolean stream : List.of(false, true)) {
            Response response = ask("no-fallback", stream);

            response.then().statusCode(expected).contentType("application/json");
            JsonPath body = response.jsonPath();
            assertThat(body.getMap("")).containsOnlyKeys("error");
            assertThat(body.getString("error.type")).isEqualTo("server_error");
            assertThat(body.getString("error.code")).isEqualTo("server_error");
            assertThat(body.getString("error.message")).contains("every provider failed")
                    .contains("openai:gpt-4o-mini server_error").contains("backup:backup-model server_error")
                    .contains("backup down");

            JsonPath record = record(response);
            assertThat(record.getString("status")).isEqualTo("error");
            assertThat(record.getString("error_kind")).isEqualTo("all_providers_failed");
            assertThat(record.getInt("http_status")).isEqualTo(expected);
            assertThat(record.getList("attempts.outcome")).isEqualTo(outcomes);
            assertThat(record.getList("attempts.provider")).endsWith("backup");
            closeBreakers(registry);
        }
    }

}
