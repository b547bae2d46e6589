package io.confidencegateway.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
                "gateway.database.kind", "postgresql",
                "gateway.database.url", setting("GATEWAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/gateway_test"),
                "gateway.database.username", setting("GATEWAY_TEST_PG_USER", "gateway"),
                "gateway.database.password", setting("GATEWAY_TEST_PG_PASSWORD", "gateway"),
                "gateway.demo.seed-knowledge", "false",
                "gateway.knowledge.warm-up", "false");
        Path logs = Path.of("target", "failsafe-reports");
        String id = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        try (PackagedGateway a = PackagedGateway.start(with(settings, "a"), logs.resolve("replica-a.log"), START);
                PackagedGateway b = PackagedGateway.start(with(settings, "b"), logs.resolve("replica-b.log"), START)) {
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

    private static Map<String, String> with(Map<String, String> settings, String replica) throws Exception {
        var all = new java.util.HashMap<>(settings);
        all.put("gateway.data-dir", "./" + Files.createTempDirectory(Path.of("target"), "replica-" + replica + "-"));
        return all;
    }

    private static int put(PackagedGateway gateway, String id, String name) throws Exception {
        String spec = """
                {"name": "%s", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none"}""".formatted(name);
        HttpResponse<String> response = gateway.call("PUT", "/v1/products/" + id, TestKeys.ADMIN, spec);
        return response.statusCode();
    }

    /** As PostgresTestProfile: a system property named like the variable in lower case with dots wins. */
    private static String setting(String envName, String fallback) {
        String property = System.getProperty(envName.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(envName);
        return env == null || env.isBlank() ? fallback : env;
    }
}
