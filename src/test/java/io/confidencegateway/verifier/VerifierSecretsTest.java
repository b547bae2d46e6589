package io.confidencegateway.verifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestDocuments;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The entailment classifier is called directly, not through the provider router that scrubs provider errors: a
 * TEI server that echoes the bearer key in its error body must still not get the key into the answer, the
 * stored answer or the log.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class VerifierSecretsTest {

    private static final String KEY = OpenAiUpstreamStub.TEI_KEY;

    @Inject
    Database database;

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.answer("You can get a full refund within 30 days of purchase [1].", 100, 10);
        capture.setLevel(Level.ALL);
        Logger.getLogger(VerifierService.class.getName()).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(VerifierService.class.getName()).removeHandler(capture);
    }

    @Test
    void aClassifierErrorThatEchoesTheBearerKeyReachesNoResponseStoredAnswerOrLog() throws Exception {
        String spec = """
                {"name": "Entailed", "max_latency_seconds": 10, "context_window_needs": "short",
                 "hallucination_risk": "high", "requires_citations": false, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini", "verifiers": ["entailment"]}""";
        assertThat(given().contentType("application/json").body(spec).put("/v1/products/tier-secret").statusCode())
                .isIn(200, 201);
        TestDocuments.uploadAndWait("tier-secret", "refunds.md", ("# Refund window\n\nYou can request a full "
                + "refund within 30 days of purchase.").getBytes(), "text/markdown");
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.TEI_PREFIX + "/predict"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"credentials " + KEY + " are not valid for this endpoint\"}")));

        Response response = given().contentType("application/json")
                .body(Map.of("product", "tier-secret", "question", "How long is the refund window?"))
                .post("/v1/answers");

        response.then().statusCode(200);
        assertThat(response.asString()).doesNotContain(KEY);
        String reason = response.jsonPath().getString("usage.verifiers.find { it.name == 'entailment' }.reason");
        assertThat(reason).isEqualTo("the call failed: provider 'entailment' failed with HTTP 500: "
                + "credentials [redacted] are not valid for this endpoint");

        String id = response.jsonPath().getString("id");
        String stored = database.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT response FROM answer WHERE id = ?")) {
                select.setObject(1, UUID.fromString(id));
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    return row.getString(1);
                }
            }
        });
        assertThat(stored).doesNotContain(KEY).contains("credentials [redacted] are not valid");
        assertThat(given().get("/v1/answers/" + id).then().statusCode(200).extract().asString()).doesNotContain(KEY);

        assertThat(records).extracting(VerifierSecretsTest::formatted)
                .anySatisfy(line -> assertThat(line).contains("credentials [redacted]"))
                .noneSatisfy(line -> assertThat(line).contains(KEY));
    }

    private static String formatted(LogRecord record) {
        return record.getParameters() == null || record.getParameters().length == 0 ? record.getMessage()
                : String.format(record.getMessage(), record.getParameters());
    }
}
