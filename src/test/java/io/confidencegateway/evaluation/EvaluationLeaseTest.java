package io.confidencegateway.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.store.Database;
import io.confidencegateway.store.Ids;
import io.confidencegateway.testing.Eventually;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestDocuments;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Running evaluations hold a lease (gateway.evaluations.lease, 2 min by default): one whose heartbeat stopped because
 * its replica did is failed by whichever replica sweeps next, and one still running here keeps its heartbeat fresh.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class EvaluationLeaseTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PRODUCT = "prompt-lease";

    @Inject
    Database database;

    @Inject
    EvaluationLeaseJob job;

    @BeforeEach
    void scriptTheUpstream() {
        OpenAiUpstreamStub.server().resetAll();
        // Slow enough that the evaluation is still running when the test sweeps.
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withFixedDelay(4000)
                        .withBody(OpenAiUpstreamStub.completion("Refunds are accepted within 30 days [1].", 300, 12))));
    }

    @Test
    void anEvaluationWhoseHeartbeatIsOlderThanTheLeaseIsFailedSayingToStartItAgain() {
        UUID orphan = runningRow("support-copilot", Instant.now().minus(Duration.ofMinutes(3)));
        UUID alive = runningRow("support-copilot", Instant.now().minus(Duration.ofSeconds(90)));
        try {
            List<UUID> failed = job.tick().await().atMost(WAIT);

            // (The replica's own timer may have swept first; either way the orphan is failed and the other is not.)
            assertThat(failed).doesNotContain(alive);
            given().get("/v1/products/support-copilot/prompts/1/evaluations/" + orphan).then().statusCode(200)
                    .body("status", equalTo("failed"))
                    .body("failure", equalTo("the gateway instance running it stopped; start it again"))
                    .body("completed", equalTo(1)).body("total", equalTo(3)).body("summary", nullValue())
                    .body("finished_at", notNullValue());
            given().get("/v1/products/support-copilot/prompts/1/evaluations/" + alive).then().statusCode(200)
                    .body("status", equalTo("running")).body("failure", nullValue()).body("finished_at", nullValue());
            // Another replica sweeping after this one finds nothing more to fail.
            assertThat(job.tick().await().atMost(WAIT)).doesNotContain(orphan, alive);
        } finally {
            delete(orphan);
            delete(alive);
        }
    }

    @Test
    void anEvaluationRunningHereKeepsItsLeaseFreshAndFinishes() {
        product();
        String location = given().post("/v1/products/" + PRODUCT + "/prompts/1/evaluations").then().statusCode(202)
                .body("status", equalTo("running")).body("updated_at", notNullValue()).extract().header("Location");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        // As if this replica had gone quiet for ten minutes: its next round renews the lease instead of failing it.
        backdate(id, Instant.now().minus(Duration.ofMinutes(10)));

        assertThat(job.tick().await().atMost(WAIT)).doesNotContain(id);

        JsonPath renewed = given().get(location).then().statusCode(200).extract().jsonPath();
        assertThat(renewed.getString("status")).isEqualTo("running");
        assertThat(Instant.parse(renewed.getString("updated_at"))).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        JsonPath done = Eventually.read(() -> given().get(location).then().statusCode(200).extract().jsonPath(),
                json -> !"running".equals(json.getString("status")), Duration.ofSeconds(60));
        assertThat(done.getString("status")).isEqualTo("finished");
        assertThat(done.getString("failure")).isNull();
        assertThat(done.getInt("completed")).isEqualTo(2);
    }

    private static void product() {
        given().contentType("application/json").body("""
                {"name": "Lease test", "max_latency_seconds": 10, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini"}""")
                .put("/v1/products/" + PRODUCT).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        TestDocuments.uploadAndWait(PRODUCT, "refunds.md", ("# Refunds\n\nRefunds are accepted within 30 days of "
                + "purchase.\n").getBytes(StandardCharsets.UTF_8), "text/markdown");
        given().contentType("application/json").body("""
                {"questions": [
                  {"question": "How long is the refund window?", "sources": ["refunds.md"]},
                  {"question": "Can I get my money back after three weeks?", "sources": ["refunds.md"]}]}""")
                .put("/v1/products/" + PRODUCT + "/golden-set").then().statusCode(200);
    }

    /** A running evaluation as a replica that has since stopped left it: one of three questions done. */
    private UUID runningRow(String product, Instant heartbeat) {
        UUID id = Ids.next();
        OffsetDateTime at = heartbeat.atOffset(ZoneOffset.UTC);
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO prompt_evaluation (id, product, "
                    + "version, status, total, completed, created_at, updated_at) VALUES (?, ?, 1, 'running', 3, 1, "
                    + "?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, product);
                insert.setObject(3, at.minusMinutes(1));
                insert.setObject(4, at);
                return insert.executeUpdate();
            }
        });
        return id;
    }

    private void backdate(UUID id, Instant heartbeat) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE prompt_evaluation SET updated_at = ? WHERE id = ?")) {
                update.setObject(1, heartbeat.atOffset(ZoneOffset.UTC));
                update.setObject(2, id);
                return update.executeUpdate();
            }
        });
    }

    private void delete(UUID id) {
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM prompt_evaluation WHERE id = ?")) {
                delete.setObject(1, id);
                return delete.executeUpdate();
            }
        });
    }
}
