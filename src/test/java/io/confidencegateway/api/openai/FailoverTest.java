package io.confidencegateway.api.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.Eventually;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Failover along configured routes, over real HTTP against scripted upstreams. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class FailoverTest {

    @BeforeEach
    void reset() {
        OpenAiUpstreamStub.server().resetAll();
    }

    private static Response ask(String model, boolean stream) {
        return given().contentType("application/json").body("{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"How long is the refund window?\"}]}")
                .post("/v1/chat/completions");
    }

    private static int calls(String path) {
        return OpenAiUpstreamStub.server().findAll(postRequestedFor(urlPathEqualTo(path))).size();
    }

    private static JsonPath record(Response response) {
        return given().get("/v1/inferences/" + response.header("X-Inference-Id")).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void unavailablePrimaryIsRetriedOnceThenTheBackupAnswers() {
        OpenAiUpstreamStub.error(503, "overloaded", Map.of());
        OpenAiUpstreamStub.answerAt("/backup", "From the backup.");

        Response response = ask("resilient", false);

        response.then().statusCode(200);
        JsonPath body = response.jsonPath();
        assertThat(body.getString("choices[0].message.content")).isEqualTo("From the backup.");
        assertThat(body.getString("gateway.provider")).isEqualTo("backup");
        assertThat(body.getList("gateway.attempts.outcome")).containsExactly("server_error", "server_error", "ok");
        assertThat(calls(OpenAiUpstreamStub.PATH)).isEqualTo(2);
        JsonPath record = record(response);
        assertThat(record.getString("provider")).isEqualTo("backup");
        assertThat(record.getString("upstream_model")).isEqualTo("backup-model");
        assertThat(record.getList("attempts.provider")).containsExactly("openai", "openai", "backup");
    }

    @Test
    void refusedConnectionIsRetriedThenFailsOver() {
        OpenAiUpstreamStub.answerAt("/backup", "Backup here.");

        Response response = ask("dead-then-backup", false);

        response.then().statusCode(200);
        assertThat(response.jsonPath().getList("gateway.attempts.outcome"))
                .containsExactly("connect_failed", "connect_failed", "ok");
    }

    @Test
    void aStreamFailsOverBeforeItsFirstChunk() {
        OpenAiUpstreamStub.error(500, "boom", Map.of());
        OpenAiUpstreamStub.streamAt("/backup", List.of("Backup ", "stream."), true, true);

        Response response = ask("resilient", true);

        response.then().statusCode(200);
        String body = response.asString();
        assertThat(body).contains("Backup ").contains("stream.").endsWith("data: [DONE]\n\n");
        assertThat(record(response).getString("provider")).isEqualTo("backup");
    }

    @Test
    void anInvalidRequestIsNotRetriedElsewhere() {
        OpenAiUpstreamStub.error(400, "max_tokens is too large", Map.of());
        OpenAiUpstreamStub.answerAt("/backup", "Should not be asked.");

        ask("resilient", false).then().statusCode(400);

        assertThat(calls("/backup/v1/chat/completions")).isZero();
    }

    @Test
    void whenEveryModelFailsTheExtractiveProviderIsTheLastResort() {
        OpenAiUpstreamStub.error(500, "boom", Map.of());
        OpenAiUpstreamStub.errorAt("/backup", 502, "bad gateway");

        Response response = ask("resilient", false);

        response.then().statusCode(200);
        assertThat(response.jsonPath().getString("gateway.provider")).isEqualTo("extractive");
        assertThat(response.jsonPath().getList("gateway.attempts.provider")).endsWith("backup", "extractive");
    }

    @Test
    void circuitOpensAfterRepeatedFailuresSkipsTheProviderAndHalfOpensLater() throws Exception {
        OpenAiUpstreamStub.errorAt("/fragile", 500, "broken");
        OpenAiUpstreamStub.answerAt("/backup", "Backup.");

        ask("fragile-route", false).then().statusCode(200);
        ask("fragile-route", false).then().statusCode(200);
        Response skipped = ask("fragile-route", false);

        assertThat(calls("/fragile/v1/chat/completions")).isEqualTo(2);
        assertThat(skipped.jsonPath().getList("gateway.attempts.outcome")).containsExactly("circuit_open", "ok");
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'providers' }"
                + ".data.fragile", org.hamcrest.Matchers.containsString("circuit open"));

        OpenAiUpstreamStub.answerAt("/fragile", "Recovered.");
        String content = Eventually.read(() -> ask("fragile-route", false).jsonPath()
                .getString("choices[0].message.content"), "Recovered."::equals, Duration.ofSeconds(5));
        assertThat(content).as("after open-for, one trial call reaches the provider and closes the breaker")
                .isEqualTo("Recovered.");
    }
}
