package io.confidencegateway.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.TestProducts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A product replaced in the database by another instance (here: written straight through the repository, as that
 * instance's PUT would) is served by this one within 2 s, without a restart.
 */
@QuarkusTest
class ProductRefreshTest {

    @Inject
    Database database;

    @Inject
    ProductRepository repository;

    @Test
    void aProductAnotherInstanceReplacedIsServedHereWithinTwoSeconds() {
        String id = TestProducts.ensure("refresh-" + UUID.randomUUID().toString().substring(0, 8));
        given().get("/v1/products/" + id).then().statusCode(200);

        database.inTransaction(connection -> repository.write(connection, id, """
                {"name": "Renamed elsewhere", "max_latency_seconds": 7, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none"}""", Instant.now()));

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(given().get("/v1/products/" + id).then().statusCode(200).extract()
                        .<String>path("name")).isEqualTo("Renamed elsewhere"));
    }

    @Test
    void aProductCreatedByAnotherInstanceIsServedHereWithinTwoSeconds() {
        String id = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        given().get("/v1/products/" + id).then().statusCode(404);

        database.inTransaction(connection -> repository.write(connection, id, """
                {"name": "Made elsewhere", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none"}""", Instant.now()));

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().get("/v1/products/" + id).then().statusCode(200));
    }
}
