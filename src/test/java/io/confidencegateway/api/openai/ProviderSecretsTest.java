package io.confidencegateway.api.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.confidencegateway.inference.InferenceLog;
import io.confidencegateway.store.Database;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * An upstream that echoes the gateway's key in its error message (some do: "Incorrect API key provided: sk-…")
 * must not get the key into the caller's error, the stored record or the database.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ProviderSecretsTest {

    /** The key OpenAiUpstreamStub configures for the {@code openai} provider. */
    private static final String KEY = "sk-upstream-secret";

    @Inject
    InferenceLog log;

    @Inject
    Database database;

    @BeforeEach
    void reset() {
        OpenAiUpstreamStub.server().resetAll();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void anUpstreamErrorThatEchoesTheKeyReachesNoResponseRecordOrDatabase(boolean stream) throws Exception {
        OpenAiUpstreamStub.error(400, "Incorrect API key provided: " + KEY + " (header Authorization: Bearer " + KEY
                + ", org key=org-1234)", Map.of());

        Response response = given().contentType("application/json").body("{\"model\":\"gpt-4o-mini\",\"stream\":"
                + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}").post("/v1/chat/completions");

        response.then().statusCode(400);
        assertThat(response.asString()).doesNotContain(KEY).doesNotContain("org-1234")
                .contains("Incorrect API key provided: [redacted] (header Authorization: Bearer [redacted], org "
                        + "key=[redacted])");
        String id = response.header("X-Inference-Id");
        String record = given().get("/v1/inferences/" + id).then().statusCode(200).extract().asString();
        assertThat(record).doesNotContain(KEY).contains("Incorrect API key provided: [redacted]");

        // The answer was recorded write-behind; this makes it durable (as feedback on it would) before reading SQL.
        assertThat(log.findDurable(UUID.fromString(id)).await().atMost(java.time.Duration.ofSeconds(10))).isPresent();
        String stored = database.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT error_message, attempts FROM inference WHERE id = ?")) {
                select.setObject(1, UUID.fromString(id));
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    return row.getString(1) + " | " + row.getString(2);
                }
            }
        });
        assertThat(stored).doesNotContain(KEY).contains("Incorrect API key provided: [redacted]");
    }
}
