package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.testing.GatewayReplicas;
import io.confidencegateway.testing.PackagedGateway;
import io.confidencegateway.testing.TestKeys;

/**
 * Two packaged gateways on one PostgreSQL database, as two replicas behind a load balancer: a document uploaded
 * through replica A is cited by an answer on replica B within 10 s of the upload, and once deleted through A, B
 * stops citing it within 10 s, with no restart.
 */
class KnowledgeReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final String SOURCE = "pallets.md";
    private static final String QUESTION = "How long do incoming warehouse pallets stay in quarantine?";
    private static final String GUIDE = """
            # Warehouse pallets

            Incoming warehouse pallets stay in quarantine for nine days before they are unpacked.
            """;

    @Test
    @Tag("postgres")
    void aDocumentUploadedOrDeletedOnOneReplicaIsCitedOrNotByTheOtherWithinTenSeconds() throws Exception {
        String product = "kb-replicas-" + UUID.randomUUID().toString().substring(0, 8);
        try (GatewayReplicas replicas = GatewayReplicas.start("kb-replica", Map.of("gateway.demo.seed-knowledge",
                "false"), START)) {
            PackagedGateway a = replicas.a();
            PackagedGateway b = replicas.b();
            assertThat(createProduct(a, product)).isEqualTo(201);
            Awaitility.await("B knows the product").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> b.get("/v1/products/" + product).statusCode() == 200);
            // Both answer once first, so that the measured time is the sync's, not the embedding model's loading.
            assertThat(citedSources(a, product)).isEmpty();
            assertThat(citedSources(b, product)).isEmpty();

            long uploaded = System.nanoTime();
            HttpResponse<String> upload = a.upload("/v1/products/" + product + "/documents", SOURCE, "text/markdown",
                    GUIDE.getBytes(StandardCharsets.UTF_8));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
            String location = upload.headers().firstValue("Location").orElseThrow();
            String documentPath = location.substring(location.indexOf("/v1/"));
            Awaitility.await("B cites the document uploaded on A").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> citedSources(b, product), sources -> sources.contains(SOURCE));
            long cited = System.nanoTime();

            assertThat(a.call("DELETE", documentPath, TestKeys.ADMIN, null).statusCode()).isEqualTo(204);
            long deleted = System.nanoTime();
            Awaitility.await("B stops citing the document deleted on A").atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> citedSources(b, product), sources -> !sources.contains(SOURCE));
            long gone = System.nanoTime();
            System.out.printf(Locale.ROOT, "KnowledgeReplicasIT: upload on A -> cited on B in %d ms; delete on A -> "
                    + "not cited on B in %d ms%n", (cited - uploaded) / 1_000_000, (gone - deleted) / 1_000_000);
        }
    }

    /** The sources an answer to the question cites on this replica. */
    private static List<String> citedSources(PackagedGateway gateway, String product) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/answers", "{\"product\":\"" + product
                + "\",\"question\":\"" + QUESTION + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> sources = new ArrayList<>();
        for (JsonNode citation : JSON.readTree(response.body()).path("citations")) {
            sources.add(citation.path("source").asText());
        }
        return sources;
    }

    private static int createProduct(PackagedGateway gateway, String id) throws Exception {
        String spec = """
                {"name": "Warehouse", "max_latency_seconds": 10, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none"}""";
        return gateway.call("PUT", "/v1/products/" + id, TestKeys.ADMIN, spec).statusCode();
    }
}
