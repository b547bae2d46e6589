package io.confidencegateway.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.GatewayReplicas;
import io.confidencegateway.testing.PackagedGateway;
import io.confidencegateway.testing.TestKeys;

/**
 * Two packaged gateways on one PostgreSQL database, as two replicas behind a load balancer: a product created and
 * then edited through replica A is served by replica B within 2 s each time, with no restart.
 */
class ProductReplicasIT {

    private static final Duration START = Duration.ofMinutes(3);

    @Test
    @Tag("postgres")
    void aProductEditedOnOneReplicaIsServedByTheOtherWithinTwoSeconds() throws Exception {
        Map<String, String> settings = Map.of(
                "gateway.demo.seed-knowledge", "false",
                "gateway.knowledge.warm-up", "false");
        String id = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        try (GatewayReplicas replicas = GatewayReplicas.start("replica", settings, START)) {
            PackagedGateway a = replicas.a();
            PackagedGateway b = replicas.b();
            assertThat(b.get("/v1/products/" + id).statusCode()).isEqualTo(404);

            assertThat(put(a, id, "First name")).isEqualTo(201);
            Awaitility.await("B serves the product A created").atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> b.get("/v1/products/" + id).body(), body -> body.contains("\"First name\""));

            assertThat(put(a, id, "Second name")).isEqualTo(200);
            Awaitility.await("B serves A's edit").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> b.get("/v1/products/" + id).body(), body -> body.contains("\"Second name\""));
        }
    }

    private static int put(PackagedGateway gateway, String id, String name) throws Exception {
        String spec = """
                {"name": "%s", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none"}""".formatted(name);
        HttpResponse<String> response = gateway.call("PUT", "/v1/products/" + id, TestKeys.ADMIN, spec);
        return response.statusCode();
    }
}
