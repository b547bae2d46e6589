package io.confidencegateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.testing.GatewayReplicas;
import io.confidencegateway.testing.PackagedGateway;
import io.confidencegateway.testing.TestKeys;

/**
 * Two packaged gateways on one PostgreSQL database: twenty agents, each with an own API key, claim the same hand-off
 * at once, half through replica A and half through B. Exactly one wins; the nineteen others get a 409 that names the
 * winner. Once the claim has expired, an agent on the other replica takes the item over.
 */
class ReviewClaimsReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(4);
    private static final int AGENTS = 20;

    @Test
    @Tag("postgres")
    void twentyConcurrentClaimsOnTwoReplicasHaveOneWinnerAndTheOtherReplicaTakesOverAfterExpiry() throws Exception {
        Map<String, String> settings = Map.of(
                "gateway.demo.seed-knowledge", "false",
                "gateway.knowledge.warm-up", "false",
                "gateway.review.claim-timeout", CLAIM_TIMEOUT.toSeconds() + "s");
        try (GatewayReplicas replicas = GatewayReplicas.start("claim-replica", settings, START)) {
            PackagedGateway a = replicas.a();
            PackagedGateway b = replicas.b();
            // support-copilot has no documents here, so the question is handed to a person: a review item.
            HttpResponse<String> answer = a.post("/v1/answers", "{\"product\":\"support-copilot\",\"question\":"
                    + "\"Which ferry leaves Oslo for Kiel on Tuesdays?\"}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            String ticket = JSON.readTree(answer.body()).path("handoff").path("id").asText();
            assertThat(ticket).as("a hand-off ticket in " + answer.body()).isNotBlank();
            String claimPath = "/v1/reviews/" + ticket + "/claim";

            List<String> keys = new ArrayList<>();
            for (int agent = 0; agent < AGENTS; agent++) {
                HttpResponse<String> created = a.call("POST", "/v1/keys", TestKeys.ADMIN,
                        "{\"name\": \"desk-" + agent + "\", \"role\": \"agent\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                keys.add(JSON.readTree(created.body()).path("key").asText());
            }
            // Keys made on A reach B within seconds; every agent must be able to call B before the race starts.
            for (String key : keys) {
                Awaitility.await("B knows the key").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> b.call("GET", "/v1/reviews/" + ticket, key, null).statusCode() == 200);
            }

            List<HttpResponse<String>> claims = claimAtOnce(List.of(a, b), keys, claimPath);
            List<Integer> winners = new ArrayList<>();
            for (int agent = 0; agent < AGENTS; agent++) {
                if (claims.get(agent).statusCode() == 200) {
                    winners.add(agent);
                }
            }
            assertThat(claims).extracting(HttpResponse::statusCode).as("one 200, nineteen 409")
                    .containsOnly(200, 409);
            assertThat(winners).as("exactly one winner").hasSize(1);
            int winner = winners.get(0);
            JsonNode won = JSON.readTree(claims.get(winner).body());
            assertThat(won.path("status").asText()).isEqualTo("claimed");
            assertThat(won.path("claimed_by").asText()).isEqualTo("agent-" + winner);
            for (int agent = 0; agent < AGENTS; agent++) {
                if (agent != winner) {
                    assertThat(JSON.readTree(claims.get(agent).body()).path("detail").asText())
                            .as("agent %d's 409", agent)
                            .startsWith("Review item " + ticket + " is claimed by agent-" + winner + " until ");
                }
            }

            // After expiry an agent on the replica the winner did not use takes the item over.
            int taker = (winner + 1) % AGENTS;
            PackagedGateway other = taker % 2 == 0 ? a : b;
            Instant expires = Instant.parse(won.path("claim_expires_at").asText());
            Awaitility.await("the claim expires").atMost(CLAIM_TIMEOUT.plusSeconds(5))
                    .pollInterval(Duration.ofMillis(200)).until(() -> Instant.now().isAfter(expires));
            HttpResponse<String> takeOver = other.call("POST", claimPath, keys.get(taker),
                    "{\"reviewer\": \"agent-" + taker + "\"}");
            assertThat(takeOver.statusCode()).as(takeOver.body()).isEqualTo(200);
            assertThat(JSON.readTree(takeOver.body()).path("claimed_by").asText()).isEqualTo("agent-" + taker);
            HttpResponse<String> late = (winner % 2 == 0 ? a : b).call("POST", claimPath, keys.get(winner),
                    "{\"reviewer\": \"agent-" + winner + "\"}");
            assertThat(late.statusCode()).as("the old holder after the take-over").isEqualTo(409);
            assertThat(JSON.readTree(late.body()).path("detail").asText()).contains("claimed by agent-" + taker);
        }
    }

    /** Each agent claims through replica {@code agent % 2}; all requests are released together. */
    private static List<HttpResponse<String>> claimAtOnce(List<PackagedGateway> replicas, List<String> keys,
            String claimPath) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(keys.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            for (int agent = 0; agent < keys.size(); agent++) {
                PackagedGateway replica = replicas.get(agent % 2);
                String key = keys.get(agent);
                String body = "{\"reviewer\": \"agent-" + agent + "\"}";
                pending.add(pool.submit(() -> {
                    go.await();
                    return replica.call("POST", claimPath, key, body);
                }));
            }
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> response : pending) {
                responses.add(response.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
