package io.confidencegateway.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.access.ApiKeyFormat;
import io.confidencegateway.access.ConsoleSessions;
import io.confidencegateway.access.SessionRepository;
import io.confidencegateway.store.Database;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Console sign-in, the session cookie as a credential for the JSON API, CSRF, sign-out and revocation. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ConsoleSessionTest {

    @Inject
    Database database;
    @Inject
    SessionRepository repository;

    private static String claimPath() {
        return "/v1/reviews/" + UUID.randomUUID() + "/claim";
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console", "/console/reviews", "/console/dashboard", "/console/knowledge"})
    void aConsolePageOpenedWithoutASessionRedirectsToTheSignInForm(String page) {
        HttpResponse<String> answer = new ConsoleHttp().get(page);

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/console/sign-in");
    }

    @Test
    void aClientKeyIsRefusedInWordsWithoutEchoingTheKeyAndGetsNoSession() {
        String key = ConsoleHttp.createKey("console-client", "client").path("key").asText();
        ConsoleHttp browser = new ConsoleHttp();

        HttpResponse<String> refused = browser.signIn(key, Map.of());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(refused.body()).contains("This key has the client role, which cannot sign in to the console: "
                + "use an agent or admin key.").doesNotContain(ApiKeyFormat.visible(key)).doesNotContain("Exception");
        assertThat(browser.cookies).doesNotContainKey(ConsoleSessions.COOKIE);
    }

    @Test
    void unknownAndRevokedKeysAreRefusedInWords() {
        JsonNode revoked = ConsoleHttp.createKey("console-revoked", "agent");
        ConsoleHttp.revokeKey(revoked.path("id").asText());

        assertThat(new ConsoleHttp().signIn("cg_not_a_key_at_all_000000000000000", Map.of()).body())
                .contains("This key is not known to the gateway").doesNotContain("cg_not_a_k");
        assertThat(new ConsoleHttp().signIn(revoked.path("key").asText(), Map.of()).body())
                .contains("This key was revoked. Ask an admin for a new one.");
    }

    @Test
    void aSignInPostWithoutTheFormsTokenIsRefused() {
        String key = ConsoleHttp.createKey("console-forged", "agent").path("key").asText();
        ConsoleHttp browser = new ConsoleHttp();

        HttpResponse<String> forged = browser.postForm("/console/sign-in", Map.of("api_key", key, "csrf", "guess"),
                Map.of());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("The sign-in form had expired or came from another page");
        assertThat(browser.cookies).doesNotContainKey(ConsoleSessions.COOKIE);
    }

    @Test
    void anAgentSignsInToAnHttpOnlyStrictSessionCookieThatIsSecureOnlyOverTls() {
        String key = ConsoleHttp.createKey("console-agent", "agent").path("key").asText();

        HttpResponse<String> plain = new ConsoleHttp().signIn(key, Map.of());
        HttpResponse<String> proxied = new ConsoleHttp().signIn(key, Map.of("X-Forwarded-Proto", "https"));

        assertThat(plain.statusCode()).isEqualTo(303);
        assertThat(plain.headers().firstValue("Location")).hasValue("/console");
        String cookie = sessionCookie(plain);
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/;")
                .doesNotContain("Secure");
        assertThat(sessionCookie(proxied)).contains("HttpOnly").contains("SameSite=Strict").contains("Secure");
    }

    @Test
    void theSessionSignsInTheJsonApiAndAStateChangeWithoutTheCsrfHeaderIs403() {
        ConsoleHttp browser = signedIn("console-csrf", "agent");
        String csrf = browser.pageCsrf("/console");

        HttpResponse<String> read = browser.get("/v1/reviews?status=pending");
        HttpResponse<String> missing = browser.postJson(claimPath(), "{\"reviewer\": \"ana\"}", Map.of());
        HttpResponse<String> wrong = browser.postJson(claimPath(), "{\"reviewer\": \"ana\"}",
                Map.of(ConsoleSessions.CSRF_HEADER, csrf + "x"));
        HttpResponse<String> right = browser.postJson(claimPath(), "{\"reviewer\": \"ana\"}",
                Map.of(ConsoleSessions.CSRF_HEADER, csrf));

        assertThat(read.statusCode()).isEqualTo(200);
        for (HttpResponse<String> refused : List.of(missing, wrong)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(ConsoleHttp.json(refused).path("detail").asText()).startsWith("missing or wrong CSRF token");
        }
        // Past the filter: the item does not exist.
        assertThat(right.statusCode()).as(right.body()).isEqualTo(404);
    }

    @Test
    void aBearerKeyNeedsNoCsrfToken() {
        String key = ConsoleHttp.createKey("console-bearer", "agent").path("key").asText();

        HttpResponse<String> claimed = new ConsoleHttp().postJson(claimPath(), "{\"reviewer\": \"ana\"}",
                Map.of("Authorization", "Bearer " + key));

        assertThat(claimed.statusCode()).isEqualTo(404);
    }

    @Test
    void aClientBearerKeyMayNotOpenAConsolePageAndAnAgentMayNotOpenTheDashboard() {
        String client = ConsoleHttp.createKey("console-page-client", "client").path("key").asText();
        ConsoleHttp agent = signedIn("console-page-agent", "agent");

        HttpResponse<String> asClient = new ConsoleHttp().send("GET", "/console", Map.of("Authorization",
                "Bearer " + client), null);
        HttpResponse<String> dashboard = agent.get("/console/dashboard");

        assertThat(asClient.statusCode()).isEqualTo(403);
        assertThat(asClient.body()).contains("This endpoint needs the agent role");
        assertThat(dashboard.statusCode()).isEqualTo(403);
        assertThat(dashboard.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(dashboard.body()).contains("needs the admin role");
    }

    @Test
    void onlyTheHashOfTheSessionIdIsStored() {
        ConsoleHttp browser = signedIn("console-hash", "agent");
        String id = browser.cookies.get(ConsoleSessions.COOKIE);

        List<String> values = database.inTransaction(connection -> {
            List<String> all = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id_hash, key_id FROM console_session");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.add(rows.getString(1));
                    all.add(rows.getString(2));
                }
            }
            return all;
        });

        assertThat(values).contains(ApiKeyFormat.hash(id)).doesNotContain(id);
    }

    @Test
    void signingOutEndsTheSession() {
        ConsoleHttp browser = signedIn("console-sign-out", "agent");
        String id = browser.cookies.get(ConsoleSessions.COOKIE);
        String csrf = browser.pageCsrf("/console");

        HttpResponse<String> out = browser.postForm("/console/sign-out", Map.of("csrf", csrf), Map.of());

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/console/sign-in?signed-out=true");
        assertThat(browser.cookies).doesNotContainKey(ConsoleSessions.COOKIE);
        // The old cookie, replayed (a copy elsewhere), is dead too.
        ConsoleHttp replay = new ConsoleHttp();
        replay.cookies.put(ConsoleSessions.COOKIE, id);
        assertThat(replay.get("/v1/reviews").statusCode()).isEqualTo(401);
        assertThat(replay.get("/console").statusCode()).isEqualTo(303);
    }

    @Test
    void revokingTheKeyEndsItsSessionsWithinFiveSeconds() {
        JsonNode key = ConsoleHttp.createKey("console-revoke", "agent");
        ConsoleHttp browser = new ConsoleHttp();
        browser.signIn(key.path("key").asText(), Map.of());
        assertThat(browser.get("/v1/reviews").statusCode()).isEqualTo(200);

        ConsoleHttp.revokeKey(key.path("id").asText());

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> browser.get("/v1/reviews").statusCode() == 401);
    }

    @Test
    void aSessionOpenedOnAnotherReplicaWorksHereAndItsSignOutThereEndsItHereWithinFiveSeconds() {
        JsonNode key = ConsoleHttp.createKey("console-replica", "agent");
        String id = ConsoleSessions.randomToken();
        // What replica A writes when this key signs in there.
        database.inTransaction(connection -> {
            repository.insert(connection, ApiKeyFormat.hash(id), UUID.fromString(key.path("id").asText()),
                    Instant.now(), Instant.now().plus(Duration.ofHours(1)));
            return null;
        });
        ConsoleHttp browser = new ConsoleHttp();
        browser.cookies.put(ConsoleSessions.COOKIE, id);

        assertThat(browser.get("/v1/reviews").statusCode()).isEqualTo(200);
        // Replica A signs it out: its row goes.
        database.inTransaction(connection -> repository.delete(connection, ApiKeyFormat.hash(id)));

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> browser.get("/v1/reviews").statusCode() == 401);
    }

    private static ConsoleHttp signedIn(String name, String role) {
        ConsoleHttp browser = new ConsoleHttp();
        HttpResponse<String> in = browser.signIn(ConsoleHttp.createKey(name, role).path("key").asText(), Map.of());
        assertThat(in.statusCode()).as(in.body()).isEqualTo(303);
        return browser;
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(set -> set.startsWith(ConsoleSessions.COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }
}
