package io.confidencegateway.api.openai;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /v1/models} says what the gateway knows of each alias, and never calls a dead server available. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ModelAvailabilityTest {

    @Test
    void aSelfHostedServerNobodyRunsIsListedUnreachable() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/v1/models").then().statusCode(200)
                .body("data.find { it.id == 'dead-only' }.status", equalTo("unreachable")));
        given().get("/v1/models").then().statusCode(200)
                .body("data.find { it.id == 'dead-only' }.available", equalTo(false))
                .body("data.find { it.id == 'dead-only' }.status_reason",
                        equalTo("connection refused at http://127.0.0.1:1"));
    }

    @Test
    void theInProcessProviderIsReadyAndAMissingKeyIsDisabled() {
        given().get("/v1/models").then().statusCode(200)
                .body("data.find { it.id == 'extractive' }.status", equalTo("ready"))
                .body("data.find { it.id == 'extractive' }.available", equalTo(true))
                .body("data.find { it.id == 'needs-key' }.status", equalTo("disabled"))
                .body("data.find { it.id == 'needs-key' }.available", equalTo(false))
                .body("data.find { it.id == 'needs-key' }.status_reason", containsString("has no API key"));
    }

    @Test
    void aRouteIsAsAvailableAsItsBestProvider() {
        // dead (unreachable) then backup (a stub that answers the check): the route can be served.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/v1/models").then().statusCode(200)
                .body("data.find { it.id == 'dead-then-backup' }.available", equalTo(true))
                .body("data.find { it.id == 'dead-then-backup' }.status", equalTo("ready")));
    }
}
