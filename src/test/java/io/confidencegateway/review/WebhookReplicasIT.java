package io.confidencegateway.review;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.confidencegateway.testing.GatewayReplicas;
import io.confidencegateway.testing.PackagedGateway;
import io.confidencegateway.testing.TestDatabase;

/**
 * Two packaged gateways on one PostgreSQL database: a hand-off on replica A queues its webhook event; the receiver
 * is down (503) while A tries, A is killed with SIGKILL, the receiver recovers, and replica B delivers the event: the
 * same delivery id (header and body), the same signed bytes, and the outbox row marked delivered.
 */
class WebhookReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(3);
    private static final String PRODUCT = "support-copilot";
    private static final String SECRET = "whsec-replicas-it";

    @Test
    @Tag("postgres")
    void aDeliveryPendingWhenReplicaAIsKilledIsDeliveredByReplicaB() throws Exception {
        WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(503)));
            Map<String, String> settings = new HashMap<>(Map.of(
                    "gateway.demo.seed-knowledge", "false",
                    "gateway.knowledge.warm-up", "false",
                    "gateway.webhooks.\"" + PRODUCT + "\".url", "http://127.0.0.1:" + receiver.port() + "/hooks",
                    "gateway.webhooks.\"" + PRODUCT + "\".secret", SECRET));
            settings.putAll(Map.of(
                    "gateway.webhook-outbox.first-retry-wait", "1s",
                    "gateway.webhook-outbox.retry-multiplier", "1",
                    "gateway.webhook-outbox.max-attempts", "60",
                    "gateway.webhook-outbox.claim-lease", "6s",
                    "gateway.review.webhook-timeout", "2s"));
            try (GatewayReplicas replicas = GatewayReplicas.start("hook-replica", settings, START)) {
                PackagedGateway a = replicas.a();
                PackagedGateway b = replicas.b();
                // The product has no documents here, so this question is handed to a person: a review.handoff event.
                HttpResponse<String> answer = a.post("/v1/answers", "{\"product\":\"" + PRODUCT + "\",\"question\":"
                        + "\"Which ferry leaves Oslo for Kiel on Tuesdays?\"}");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                String ticket = JSON.readTree(answer.body()).path("handoff").path("id").asText();
                assertThat(ticket).as("a hand-off ticket in " + answer.body()).isNotBlank();

                Awaitility.await("A tried the receiver").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100)).until(() -> !attempts(receiver, ticket).isEmpty());
                String delivery = attempts(receiver, ticket).get(0).getRequest().getHeader("Webhook-Id");
                assertThat(a.kill()).as("exit code of A (137 = SIGKILL)").isEqualTo(137);
                assertThat(status(delivery)).as("pending when A died").isEqualTo("pending");

                // The newest stub wins: from now on the receiver takes events (no gap without a stub, whose 404 would
                // end the delivery).
                receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
                Awaitility.await("B delivered it").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> status(delivery), "delivered"::equals);

                List<ServeEvent> attempts = attempts(receiver, ticket);
                assertThat(attempts).extracting(event -> event.getRequest().getHeader("Webhook-Id")).as("one id")
                        .containsOnly(delivery);
                assertThat(attempts).extracting(event -> event.getRequest().getBodyAsString()).as("the same bytes")
                        .containsOnly(attempts.get(0).getRequest().getBodyAsString());
                List<ServeEvent> afterKill = attempts.stream()
                        .filter(event -> event.getResponse().getStatus() == 204).toList();
                assertThat(afterKill).as("the receiver took it once").hasSize(1);
                var request = afterKill.get(0).getRequest();
                assertThat(request.getHeader("Webhook-Id")).isEqualTo(delivery);
                assertThat(request.getHeader("X-Gateway-Delivery")).isEqualTo(delivery);
                JsonNode body = JSON.readTree(request.getBodyAsString());
                assertThat(body.path("id").asText()).isEqualTo(delivery);
                assertThat(body.path("type").asText()).isEqualTo("review.handoff");
                assertThat(body.at("/item/id").asText()).isEqualTo(ticket);
                assertThat(request.getHeader("X-Gateway-Signature"))
                        .isEqualTo(WebhookSender.sign(SECRET, request.getBody()));
            }
        } finally {
            receiver.stop();
        }
    }

    /** The requests the receiver got for the ticket's hand-off event. */
    private static List<ServeEvent> attempts(WireMockServer receiver, String ticket) {
        return receiver.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains(ticket)).toList();
    }

    private static String status(String delivery) throws Exception {
        try (Connection db = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(),
                TestDatabase.password());
                PreparedStatement select = db.prepareStatement("SELECT status FROM webhook_outbox WHERE id = ?")) {
            select.setObject(1, java.util.UUID.fromString(delivery));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
