package io.confidencegateway.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.confidencegateway.testing.PackagedGateway;
import io.confidencegateway.testing.TestKeys;
import io.confidencegateway.testing.TestDatabase;

/**
 * Two packaged gateways on one PostgreSQL, as two replicas: limits, budgets, revocation and console sessions hold
 * across both, because they are counted and stored in the database, not per replica. Runs in the {@code postgres} profile (.ci/run).
 */
@Tag("postgres")
class TwoReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(90);
    private static WireMockServer upstream;
    private static PackagedGateway first;
    private static PackagedGateway second;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        upstream = new WireMockServer(wireMockConfig().dynamicPort());
        upstream.start();
        // 10 prompt and 100 completion tokens of gpt-4o-mini: 10 * 0.00015/1k + 100 * 0.0006/1k = 0.0000615 USD.
        upstream.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
                         "message":{"role":"assistant","content":"Refunds take 30 days."},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":10,"completion_tokens":100,"total_tokens":110}}""")));
        first = start("a");
        second = start("b");
    }

    private static PackagedGateway start(String name) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.data-dir", "./" + Files.createTempDirectory(Path.of("target"), "replica-" + name + "-"));
        settings.putAll(TestDatabase.gatewaySettings());
        settings.put("gateway.providers.openai.base-url", "http://127.0.0.1:" + upstream.port() + "/v1");
        settings.put("gateway.providers.openai.api-key", "sk-fake");
        return PackagedGateway.start(settings, Path.of("target", "failsafe-reports", "replica-" + name + ".log"),
                START);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (PackagedGateway gateway : new PackagedGateway[] { first, second }) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (upstream != null) {
            upstream.stop();
        }
    }

    @Test
    void anRpmOfTenHitThirtyTimesAcrossBothReplicasAdmitsExactlyTen() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 40);
        String key = create(first, "{\"name\": \"rpm-10\", \"role\": \"client\", \"rpm\": 10}").path("key").asText();
        knownOn(second, key);

        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> reply = (i % 2 == 0 ? first : second).call("GET", "/v1/models", key, null);
            if (reply.statusCode() == 200) {
                ok++;
            } else if (reply.statusCode() == 429 && reply.headers().firstValue("Retry-After").isPresent()) {
                limited++;
            }
        }
        assertThat(ok).isEqualTo(10);
        assertThat(limited).isEqualTo(20);
    }

    @Test
    void twentyConcurrentCallsAcrossBothReplicasNeverSpendMoreThanTheBudgetAndOneCall() throws Exception {
        // Five calls' worth: each may cost up to ~0.0000609 (100 output tokens) and costs 0.0000615.
        BigDecimal budget = new BigDecimal("0.0003");
        JsonNode created = create(first, "{\"name\": \"budget\", \"role\": \"client\", \"budget_usd\": " + budget
                + "}");
        String key = created.path("key").asText();
        knownOn(second, key);
        String request = "{\"model\": \"gpt-4o-mini\", \"max_tokens\": 100, \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"Hello\"}]}";

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                PackagedGateway gateway = i % 2 == 0 ? first : second;
                statuses.add(pool.submit(() -> gateway.call("POST", "/v1/chat/completions", key, request)
                        .statusCode()));
            }
            int ok = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertThat(code).isIn(200, 429);
                ok += code == 200 ? 1 : 0;
            }
            assertThat(ok).isBetween(1, 5);
        } finally {
            pool.shutdownNow();
        }
        String id = created.path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usage(id)
                .path("reserved_usd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO));
        BigDecimal spent = usage(id).path("spend_usd").decimalValue();
        assertThat(spent).isLessThanOrEqualTo(budget.add(new BigDecimal("0.0000615")));
    }

    @Test
    void aKeyRevokedOnOneReplicaIsRefusedByTheOtherWithinFiveSeconds() throws Exception {
        JsonNode created = create(first, "{\"name\": \"revoked-elsewhere\", \"role\": \"client\"}");
        String key = created.path("key").asText();
        knownOn(second, key);
        assertThat(second.call("GET", "/v1/models", key, null).statusCode()).isEqualTo(200);

        assertThat(first.call("DELETE", "/v1/keys/" + created.path("id").asText(), TestKeys.ADMIN, null)
                .statusCode()).isEqualTo(204);

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> second.call("GET", "/v1/models", key, null).statusCode() == 401);
    }

    @Test
    void noPlaintextKeyIsStoredInAnyPostgresqlTable() throws Exception {
        String key = create(first, "{\"name\": \"never-stored\", \"role\": \"client\", \"rpm\": 100, "
                + "\"budget_usd\": 1}").path("key").asText();
        knownOn(second, key);
        // Used on both replicas, through the limits and the budget, so every table that could hold it was written.
        assertThat(first.call("GET", "/v1/models", key, null).statusCode()).isEqualTo(200);
        assertThat(second.call("POST", "/v1/chat/completions", key, "{\"model\": \"gpt-4o-mini\", \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"Hello\"}]}").statusCode()).isEqualTo(200);

        List<String> holding = new ArrayList<>();
        String secret = key.substring(3);
        try (var connection = java.sql.DriverManager.getConnection(TestDatabase.url(),
                TestDatabase.username(), TestDatabase.password())) {
            List<String> tables = new ArrayList<>();
            try (var rows = connection.createStatement().executeQuery("SELECT table_name FROM "
                    + "information_schema.tables WHERE table_schema = current_schema()")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("api_key", "key_usage", "audit_log", "inference");
            for (String table : tables) {
                try (var rows = connection.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            String value = rows.getString(c);
                            if (value != null && value.contains(secret)) {
                                holding.add(table + "." + rows.getMetaData().getColumnName(c));
                            }
                        }
                    }
                }
            }
        }
        assertThat(holding).as("columns holding the plaintext key").isEmpty();
    }

    @Test
    void aConsoleSessionOpenedOnOneReplicaWorksOnTheOtherAndSigningOutThereEndsItOnBoth() throws Exception {
        String key = create(first, "{\"name\": \"console-across\", \"role\": \"agent\"}").path("key").asText();
        HttpResponse<String> form = browser(first, "GET", "/console/sign-in", null, null);
        String formCookie = cookieIn(form, "cg_sign_in");
        java.util.regex.Matcher hidden = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(hidden.find()).isTrue();
        HttpResponse<String> signedIn = browser(first, "POST", "/console/sign-in", "cg_sign_in=" + formCookie,
                "api_key=" + key + "&csrf=" + hidden.group(1));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        String session = ConsoleSessions.COOKIE + "=" + cookieIn(signedIn, ConsoleSessions.COOKIE);

        // Replica b never saw the sign-in; it knows the key within its refresh and the session from the database.
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> browser(second, "GET", "/v1/reviews", session, null).statusCode() == 200);
        java.util.regex.Matcher meta = java.util.regex.Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"")
                .matcher(browser(second, "GET", "/console", session, null).body());
        assertThat(meta.find()).isTrue();
        assertThat(browser(second, "POST", "/console/sign-out", session, "csrf=" + meta.group(1)).statusCode())
                .isEqualTo(303);

        assertThat(browser(second, "GET", "/v1/reviews", session, null).statusCode()).isEqualTo(401);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> browser(first, "GET", "/v1/reviews", session, null).statusCode() == 401);
    }

    /** A browser's request: cookies as given, a form body if any, no key, no redirects followed. */
    private static HttpResponse<String> browser(PackagedGateway gateway, String method, String path, String cookies,
            String form) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, form == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookieIn(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(set -> set.startsWith(name + "="))
                .map(set -> set.substring(name.length() + 1, set.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
    }

    /** Waits until the other replica knows the key, without spending a request of it (a 403 is not counted). */
    private static void knownOn(PackagedGateway gateway, String key) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.call("GET", "/v1/products", key, null).statusCode() == 403);
    }

    private static JsonNode create(PackagedGateway gateway, String body) throws Exception {
        HttpResponse<String> created = gateway.call("POST", "/v1/keys", TestKeys.ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static JsonNode usage(String id) throws Exception {
        return JSON.readTree(first.call("GET", "/v1/keys/" + id, TestKeys.ADMIN, null).body()).path("usage");
    }
}
