package io.confidencegateway.review;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.Eventually;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A receiver back after an outage, with a backlog that takes longer to send than a claim lasts: each delivery is
 * still sent once, because a replica claims only what it can send at once.
 */
@QuarkusTest
@TestProfile(WebhookBacklogTest.ShortLease.class)
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class WebhookBacklogTest {

    private static final int EVENTS = 30;

    @Inject
    Database database;

    @Inject
    WebhookOutbox outbox;

    @Test
    void aBacklogLongerThanTheLeaseIsSentOnceEachAndRecordedAsOneAttempt() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            ids.add(UUID.randomUUID());
        }
        database.inTransaction(c -> {
            try (var insert = c.prepareStatement("INSERT INTO webhook_outbox (id, product_id, event_type, body, "
                    + "status, attempts, next_attempt_at, created_at) VALUES (?, 'slow', 'review.handoff', ?, "
                    + "'pending', 0, ?, ?)")) {
                var past = OffsetDateTime.now().minusMinutes(5);
                for (UUID id : ids) {
                    insert.setObject(1, id);
                    insert.setString(2, "{\"type\":\"review.handoff\",\"id\":\"" + id + "\",\"item\":{}}");
                    insert.setObject(3, past);
                    insert.setObject(4, past);
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
        outbox.kick();

        // 30 at 5 at once and 1 s each take about 6 s, twice the 3 s lease.
        Duration wait = Duration.ofSeconds(25);
        Eventually.read(() -> rows(ids), rows -> rows.size() == EVENTS
                && rows.values().stream().allMatch(r -> r.startsWith("delivered")),
                wait);
        Eventually.read(outbox::inFlight, n -> n == 0, wait);

        Map<String, Long> received = ShortLease.receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/slow")))
                .stream().collect(Collectors.groupingBy(r -> r.getHeader("Webhook-Id"), Collectors.counting()));
        Map<String, Long> once = ids.stream().collect(Collectors.toMap(UUID::toString, id -> 1L));
        assertThat(received).isEqualTo(once);
        assertThat(rows(ids)).isEqualTo(ids.stream().collect(Collectors.toMap(Function.identity(),
                id -> "delivered/1")));
    }

    /** Each row's {@code status/attempts}. */
    private Map<UUID, String> rows(List<UUID> ids) {
        return database.inTransaction(c -> {
            var rows = new HashMap<UUID, String>();
            try (var select = c.prepareStatement("SELECT id, status, attempts FROM webhook_outbox "
                    + "WHERE product_id = 'slow'")) {
                try (var rs = select.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        if (ids.contains(id)) {
                            rows.put(id, rs.getString(2) + "/" + rs.getInt(3));
                        }
                    }
                }
            }
            return rows;
        });
    }

    /** A receiver answering after 1 s, a 3 s lease and a 2 s webhook timeout. */
    public static class ShortLease implements QuarkusTestProfile {

        static WireMockServer receiver;

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SlowReceiver.class));
        }
    }

    public static class SlowReceiver implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            server.stubFor(post(urlPathEqualTo("/hooks/slow"))
                    .willReturn(aResponse().withStatus(204).withFixedDelay(1000)));
            ShortLease.receiver = server;
            return Map.of(
                    "gateway.webhooks.\"slow\".url", "http://127.0.0.1:" + server.port() + "/hooks/slow",
                    "gateway.webhooks.\"slow\".secret", "whsec-slow",
                    "gateway.webhook-outbox.claim-lease", "3s",
                    "gateway.webhook-outbox.max-in-flight", "5",
                    "gateway.review.webhook-timeout", "2s",
                    "gateway.webhook-outbox.poll-interval", "200ms");
        }

        @Override
        public void stop() {
            if (ShortLease.receiver != null) {
                ShortLease.receiver.stop();
            }
        }
    }
}
