package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** API keys over HTTP: what each kind of caller gets, in which shape, and what the gateway keeps of a key. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class AccessTest {

    @ConfigProperty(name = "gateway.data-dir")
    String dataDir;

    @Test
    void aCallWithoutAKeyIsA401ProblemWithABearerChallengeThatSaysWhatToSend() {
        HttpResponse<String> refused = Calls.send("GET", "/v1/products", null, null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Calls.json(refused);
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("detail").asText()).contains("Authorization: Bearer <key>");
    }

    @Test
    void theRawChatRouteRefusesAnUnknownKeyInOpenAisErrorShapeWithoutEchoingTheKey() {
        String guessed = "cg_guessed_but_unknown_key_0123456789";
        HttpResponse<String> refused = Calls.send("POST", "/v1/chat/completions", guessed, Calls.chat("extractive"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
        JsonNode error = Calls.json(refused).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(refused.body()).doesNotContain(guessed).contains("cg_guessed");
    }

    @Test
    void healthIsOpenAndMetricsNeedTheAdminRole() {
        JsonNode client = Calls.createKey("{\"name\": \"metrics-reader\", \"role\": \"client\"}");

        assertThat(Calls.send("GET", "/q/health/live", null, null).statusCode()).isEqualTo(200);
        assertThat(Calls.send("GET", "/q/metrics", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> asClient = Calls.send("GET", "/q/metrics", client.path("key").asText(), null);
        assertThat(asClient.statusCode()).isEqualTo(403);
        assertThat(Calls.json(asClient).path("detail").asText()).contains("needs the admin role")
                .contains("has the client role");
        assertThat(Calls.send("GET", "/q/metrics", TestKeys.ADMIN, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCreatedKeyIsShownOnceAndListedOnlyByItsPrefix() {
        JsonNode created = Calls.createKey("{\"name\": \"helpdesk-bot\", \"role\": \"client\", \"rpm\": 50}");
        String key = created.path("key").asText();

        assertThat(key).startsWith("cg_").hasSize(35);
        assertThat(created.path("prefix").asText()).isEqualTo(key.substring(0, 10));
        assertThat(created.path("role").asText()).isEqualTo("client");
        String id = created.path("id").asText();
        HttpResponse<String> list = Calls.send("GET", "/v1/keys", TestKeys.ADMIN, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(key).doesNotContain("\"key\"");
        HttpResponse<String> one = Calls.send("GET", "/v1/keys/" + id, TestKeys.ADMIN, null);
        assertThat(one.body()).doesNotContain(key);
        assertThat(Calls.json(one).path("usage").path("requests_this_minute").asLong()).isZero();
        assertThat(Calls.json(one).path("rpm").asInt()).isEqualTo(50);
    }

    @Test
    void aClientMayChatButNotChangeProductsAndTheRefusalNamesTheMissingRole() {
        String client = Calls.createKey("{\"name\": \"chat-only\", \"role\": \"client\"}").path("key").asText();

        assertThat(Calls.send("POST", "/v1/chat/completions", client, Calls.chat("extractive")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = Calls.send("PUT", "/v1/products/not-mine", client, "{}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Calls.json(refused).path("detail").asText()).isEqualTo("This endpoint needs the admin role; "
                + "the key '" + client.substring(0, 10) + "…' (chat-only) has the client role");
        assertThat(Calls.send("GET", "/v1/reviews", client, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aKeyLimitedToModelsAndProductsIsRefusedOthersWithA403NamingThem() {
        String key = Calls.createKey("{\"name\": \"scoped\", \"role\": \"client\", \"models\": [\"extractive\"], "
                + "\"products\": [\"support-copilot\"]}").path("key").asText();

        HttpResponse<String> otherModel = Calls.send("POST", "/v1/chat/completions", key, Calls.chat("gpt-4o-mini"));
        assertThat(otherModel.statusCode()).isEqualTo(403);
        JsonNode error = Calls.json(otherModel).path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_allowed");
        assertThat(error.path("param").asText()).isEqualTo("model");
        assertThat(error.path("message").asText()).contains("may not use model 'gpt-4o-mini'")
                .contains("it may use extractive");
        HttpResponse<String> otherProduct = Calls.send("POST", "/v1/answers", key,
                "{\"product\": \"another-product\", \"question\": \"How long is the refund window?\"}");
        assertThat(otherProduct.statusCode()).isEqualTo(403);
        assertThat(Calls.json(otherProduct).path("detail").asText())
                .contains("may not use product 'another-product'").contains("it may use support-copilot");
        HttpResponse<String> productByModel = Calls.send("POST", "/v1/chat/completions", key,
                Calls.chat("product/another-product"));
        assertThat(productByModel.statusCode()).isEqualTo(403);
        assertThat(Calls.json(productByModel).path("error").path("code").asText()).isEqualTo("product_not_allowed");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAsRevoked() {
        JsonNode created = Calls.createKey("{\"name\": \"leaked\", \"role\": \"agent\"}");
        String key = created.path("key").asText();
        assertThat(Calls.send("GET", "/v1/reviews", key, null).statusCode()).isEqualTo(200);

        assertThat(Calls.send("DELETE", "/v1/keys/" + created.path("id").asText(), TestKeys.ADMIN, null)
                .statusCode()).isEqualTo(204);

        HttpResponse<String> refused = Calls.send("GET", "/v1/reviews", key, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Calls.json(refused).path("detail").asText()).contains("(leaked) was revoked at");
    }

    @Test
    void rotationGivesANewKeyWithTheSameRightsAndRevokesTheOldOne() {
        JsonNode created = Calls.createKey("{\"name\": \"rotating\", \"role\": \"agent\", \"rpm\": 7}");
        HttpResponse<String> rotated = Calls.send("POST", "/v1/keys/" + created.path("id").asText() + "/rotate",
                TestKeys.ADMIN, null);

        assertThat(rotated.statusCode()).isEqualTo(201);
        JsonNode fresh = Calls.json(rotated);
        assertThat(fresh.path("key").asText()).startsWith("cg_").isNotEqualTo(created.path("key").asText());
        assertThat(fresh.path("role").asText()).isEqualTo("agent");
        assertThat(fresh.path("rpm").asInt()).isEqualTo(7);
        assertThat(Calls.send("GET", "/v1/reviews", created.path("key").asText(), null).statusCode()).isEqualTo(401);
        assertThat(Calls.send("GET", "/v1/reviews", fresh.path("key").asText(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyRequestWithFaultsIsA400NamingEachField() {
        HttpResponse<String> refused = Calls.send("POST", "/v1/keys", TestKeys.ADMIN,
                "{\"name\": \" \", \"role\": \"owner\", \"rpm\": 0}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Calls.json(refused).path("detail").asText()).isEqualTo("name: required: who or what the key is "
                + "for; role: required: client, agent or admin; rpm: a whole number of at least 1");
    }

    @Test
    void adminActionsAreAuditedWithTheActingKey() {
        JsonNode created = Calls.createKey("{\"name\": \"audited\", \"role\": \"client\"}");
        String id = created.path("id").asText();
        Calls.send("DELETE", "/v1/keys/" + id, TestKeys.ADMIN, null);

        // The entry is written once the response has ended, so the DELETE's may land just after its 204.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> audit = Calls.send("GET", "/v1/audit?limit=200", TestKeys.ADMIN, null);
            assertThat(audit.statusCode()).isEqualTo(200);
            List<String> actions = new ArrayList<>();
            for (JsonNode entry : Calls.json(audit).path("entries")) {
                if (entry.path("key_prefix").asText().equals(TestKeys.ADMIN.substring(0, 10))) {
                    actions.add(entry.path("method").asText() + " " + entry.path("path").asText() + " "
                            + entry.path("status").asInt());
                }
            }
            assertThat(actions).contains("DELETE /v1/keys/" + id + " 204", "POST /v1/keys 201");
        });
    }

    @Test
    void noPlaintextKeyIsStoredInTheDataDirectory() throws IOException {
        String key = Calls.createKey("{\"name\": \"secret-check\", \"role\": \"client\"}").path("key").asText();
        // Used once, so that the key also went through the usage tables and the logs.
        Calls.send("GET", "/v1/models", key, null);

        List<String> holding = new ArrayList<>();
        byte[] needle = key.substring(3).getBytes(StandardCharsets.UTF_8);
        byte[] admin = TestKeys.ADMIN.substring(3).getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(Path.of(dataDir))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] content = Files.readAllBytes(file);
                if (contains(content, needle) || contains(content, admin)) {
                    holding.add(file.toString());
                }
            }
        }
        assertThat(holding).as("files holding a plaintext key").isEmpty();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
