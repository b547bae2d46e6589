package io.confidencegateway.review;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.confidencegateway.review.ReviewFixtures.eventually;
import static io.confidencegateway.review.ReviewFixtures.item;
import static io.confidencegateway.review.ReviewQueueTest.claim;
import static io.confidencegateway.review.ReviewQueueTest.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class WebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReviewQueue queue;

    @Inject
    MeterRegistry registry;

    @Inject
    io.confidencegateway.store.Database database;

    @BeforeEach
    void receivers() {
        var hooks = OpenAiUpstreamStub.webhooks();
        hooks.resetAll();
        hooks.stubFor(post(urlPathEqualTo("/hooks/hooked")).willReturn(aResponse().withStatus(204)));
        hooks.stubFor(post(urlPathEqualTo("/hooks/down")).willReturn(aResponse().withStatus(503)));
        hooks.stubFor(post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
                .willSetStateTo("recovered"));
        hooks.stubFor(post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(200)));
    }

    @Test
    void aHandoffIsPostedSignedWithTheProductSecret() throws Exception {
        NewItem handoff = item("hooked", NewItem.HANDOFF);
        UUID ticket = enqueue(handoff);

        LoggedRequest request = delivered("hooked", ticket);
        JsonNode body = JSON.readTree(request.getBody());
        assertThat(request.getHeader("X-Gateway-Signature"))
                .isEqualTo("sha256=" + hmac(OpenAiUpstreamStub.WEBHOOK_SECRET, request.getBody()));
        assertThat(request.getHeader("X-Gateway-Event")).isEqualTo("review.handoff");
        assertThat(request.getHeader("X-Gateway-Delivery")).isEqualTo(body.get("id").asText());
        assertThat(request.getHeader("Webhook-Id")).isEqualTo(body.get("id").asText());
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(body.get("type").asText()).isEqualTo("review.handoff");
        assertThat(body.get("created_at").asText()).isNotBlank();
        assertThat(body.at("/item/id").asText()).isEqualTo(ticket.toString());
        assertThat(body.at("/item/answer_id").asText()).isEqualTo(handoff.answerId().toString());
        assertThat(body.at("/item/kind").asText()).isEqualTo("handoff");
        assertThat(body.at("/item/status").asText()).isEqualTo("pending");
        assertThat(body.at("/item/question").asText()).isEqualTo(handoff.question());
    }

    @Test
    void aResolutionIsPostedWithTheVerdict() throws Exception {
        UUID id = enqueue(item("hooked", NewItem.REVIEW));
        claim(id, "ana").statusCode(200);
        resolve(id, Map.of("reviewer", "ana", "action", "reject", "reason", "wrong policy")).statusCode(200);

        LoggedRequest request = delivered("hooked", id);
        JsonNode body = JSON.readTree(request.getBody());
        assertThat(request.getHeader("X-Gateway-Event")).isEqualTo("review.resolved");
        assertThat(request.getHeader("X-Gateway-Signature"))
                .isEqualTo("sha256=" + hmac(OpenAiUpstreamStub.WEBHOOK_SECRET, request.getBody()));
        assertThat(body.at("/item/status").asText()).isEqualTo("resolved");
        assertThat(body.at("/item/action").asText()).isEqualTo("reject");
        assertThat(body.at("/item/resolved_by").asText()).isEqualTo("ana");
        assertThat(body.at("/item/resolution_reason").asText()).isEqualTo("wrong policy");
    }

    @Test
    void aDeliveryThatMeetsA500IsRetriedWithTheSameBodyAndThenDelivered() throws Exception {
        double delivered = count("flaky", "delivered");
        double retried = count("flaky", "retried");
        UUID ticket = enqueue(item("flaky", NewItem.HANDOFF));

        List<LoggedRequest> attempts = eventually(() -> received("flaky", ticket), list -> list.size() >= 2);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).getBody()).isEqualTo(attempts.get(0).getBody());
        assertThat(attempts.get(1).getHeader("X-Gateway-Delivery"))
                .isEqualTo(attempts.get(0).getHeader("X-Gateway-Delivery"));
        assertThat(attempts.get(1).getHeader("X-Gateway-Signature"))
                .isEqualTo("sha256=" + hmac(OpenAiUpstreamStub.WEBHOOK_SECRET, attempts.get(1).getBody()));
        assertThat(attempts.get(1).getHeader("Webhook-Id")).isEqualTo(attempts.get(0).getHeader("Webhook-Id"))
                .isEqualTo(JSON.readTree(attempts.get(0).getBody()).get("id").asText());
        assertThat(eventually(() -> count("flaky", "delivered"), n -> n > delivered)).isEqualTo(delivered + 1);
        assertThat(count("flaky", "retried")).isEqualTo(retried + 1);
        UUID delivery = UUID.fromString(attempts.get(0).getHeader("Webhook-Id"));
        assertThat(eventually(() -> row(delivery), r -> "delivered".equals(r.get("status"))))
                .containsEntry("attempts", 2).containsEntry("last_error", null);
    }

    @Test
    void aDeliveryGivenUpIsMarkedFailedWithTheAttemptsAndTheLastError() throws Exception {
        UUID ticket = enqueue(item("down", NewItem.HANDOFF));

        List<LoggedRequest> attempts = eventually(() -> received("down", ticket), list -> list.size() >= 4);
        UUID delivery = UUID.fromString(attempts.get(0).getHeader("Webhook-Id"));

        assertThat(eventually(() -> row(delivery), r -> "failed".equals(r.get("status"))))
                .containsEntry("attempts", 4)
                .containsEntry("last_error", "HTTP 503 after 4 attempts, the most allowed");
    }

    @Test
    void aHandoffWhoseTransactionRollsBackLeavesNoWebhookEvent() {
        NewItem handoff = item("hooked", NewItem.HANDOFF);

        assertThatThrownBy(() -> queue.enqueue(handoff, ticket -> connection -> {
            throw new java.sql.SQLException("the answer could not be stored");
        }).await().atMost(ReviewFixtures.WAIT)).isInstanceOf(io.confidencegateway.store.StoreException.class)
                .hasRootCauseMessage("the answer could not be stored");

        int stored = database.inTransaction(c -> {
            try (var select = c.prepareStatement("SELECT COUNT(*) FROM webhook_outbox WHERE body LIKE ?")) {
                select.setString(1, "%" + handoff.answerId() + "%");
                try (var rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        assertThat(stored).isZero();
    }

    @Test
    void aDeliveryLeftClaimedByAReplicaThatDiedIsSentOnceItsLeaseIsOver() throws Exception {
        UUID delivery = UUID.randomUUID();
        String body = "{\"type\":\"review.handoff\",\"id\":\"" + delivery + "\",\"item\":{}}";
        database.inTransaction(c -> {
            try (var insert = c.prepareStatement("INSERT INTO webhook_outbox (id, product_id, event_type, body, "
                    + "status, attempts, next_attempt_at, claimed_by, claimed_until, created_at) VALUES (?, 'hooked', "
                    + "'review.handoff', ?, 'pending', 1, ?, 'a-replica-that-died', ?, ?)")) {
                var past = java.time.OffsetDateTime.now().minusSeconds(5);
                insert.setObject(1, delivery);
                insert.setString(2, body);
                insert.setObject(3, past);
                insert.setObject(4, past);
                insert.setObject(5, past);
                return insert.executeUpdate();
            }
        });

        List<LoggedRequest> requests = eventually(() -> OpenAiUpstreamStub.webhooks()
                .findAll(postRequestedFor(urlPathEqualTo("/hooks/hooked"))).stream()
                .filter(r -> delivery.toString().equals(r.getHeader("Webhook-Id"))).toList(), l -> !l.isEmpty());

        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getBodyAsString()).isEqualTo(body);
        assertThat(eventually(() -> row(delivery), r -> "delivered".equals(r.get("status"))))
                .containsEntry("attempts", 2);
    }

    /** The outbox row's status, attempts and last error. */
    private Map<String, Object> row(UUID delivery) {
        return database.inTransaction(c -> {
            try (var select = c.prepareStatement(
                    "SELECT status, attempts, last_error FROM webhook_outbox WHERE id = ?")) {
                select.setObject(1, delivery);
                try (var rs = select.executeQuery()) {
                    var row = new java.util.HashMap<String, Object>();
                    if (rs.next()) {
                        row.put("status", rs.getString(1));
                        row.put("attempts", rs.getInt(2));
                        row.put("last_error", rs.getString(3));
                    }
                    return row;
                }
            }
        });
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheRetriesAndCounted() throws Exception {
        double failed = count("down", "failed");
        UUID ticket = enqueue(item("down", NewItem.HANDOFF));

        assertThat(eventually(() -> count("down", "failed"), n -> n > failed)).isEqualTo(failed + 1);
        assertThat(received("down", ticket)).hasSize(4);
    }

    private UUID enqueue(NewItem item) {
        return queue.enqueue(item).await().atMost(ReviewFixtures.WAIT).id();
    }

    private static List<LoggedRequest> received(String product, UUID itemId) {
        return OpenAiUpstreamStub.webhooks().findAll(postRequestedFor(urlPathEqualTo("/hooks/" + product))).stream()
                .filter(r -> r.getBodyAsString().contains(itemId.toString())).toList();
    }

    /** The one request the item caused at the product's receiver, once it arrived. */
    private static LoggedRequest delivered(String product, UUID itemId) throws InterruptedException {
        List<LoggedRequest> requests = eventually(() -> received(product, itemId), list -> !list.isEmpty());
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private double count(String product, String outcome) {
        var counter = registry.find("gateway.webhook.deliveries").tags("product", product, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
