package io.confidencegateway.review;

import static io.confidencegateway.review.ReviewFixtures.freshProduct;
import static io.confidencegateway.review.ReviewFixtures.item;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ReviewQueueTest {

    @Inject
    ReviewQueue queue;

    @Inject
    Database database;

    @Inject
    ReviewRepository repository;

    @Inject
    MeterRegistry registry;

    @Test
    void aHandoffGetsATicketWithThePoliteMessageAndItsPlaceInTheQueue() {
        Ticket first = enqueue(item(freshProduct("ticket"), NewItem.HANDOFF));
        Ticket second = enqueue(item(freshProduct("ticket"), NewItem.HANDOFF));

        assertThat(first.message()).isEqualTo("Thanks for your patience. A member of our support team will follow "
                + "up on this shortly. Your reference is " + first.id() + ".");
        assertThat(first.queuePosition()).isPositive();
        assertThat(second.queuePosition()).isEqualTo(first.queuePosition() + 1);
        given().get("/v1/reviews/" + first.id()).then().statusCode(200)
                .body("id", equalTo(first.id().toString()))
                .body("kind", equalTo("handoff"))
                .body("reason", equalTo("low_confidence"))
                .body("status", equalTo("pending"))
                .body("draft", nullValue())
                .body("passages[0].source", equalTo("refund_policy_v3.pdf"))
                .body("signals[0].reason", equalTo("4 of 5 sentences supported"))
                .body("confidence", equalTo(0.42f));
    }

    @Test
    void theHolderOfAClaimResolvesTheItem() {
        Ticket ticket = enqueue(item(freshProduct("happy"), NewItem.REVIEW));

        var claimed = claim(ticket.id(), "ana").statusCode(200)
                .body("status", equalTo("claimed"))
                .body("claimed_by", equalTo("ana"))
                .extract().jsonPath();
        Duration held = Duration.between(Instant.parse(claimed.getString("claimed_at")),
                Instant.parse(claimed.getString("claim_expires_at")));
        assertThat(held).isEqualTo(Duration.ofMinutes(15));

        resolve(ticket.id(), Map.of("reviewer", "ana", "action", "edit", "final_text", "Within 30 days of delivery.",
                "reason", "the window starts at delivery")).statusCode(200)
                .body("status", equalTo("resolved"))
                .body("resolved_by", equalTo("ana"))
                .body("action", equalTo("edit"))
                .body("final_text", equalTo("Within 30 days of delivery."))
                .body("resolution_reason", equalTo("the window starts at delivery"));
        given().get("/v1/reviews/" + ticket.id()).then().statusCode(200).body("status", equalTo("resolved"));
    }

    @Test
    void aSecondClaimByAnotherReviewerGetsAConflictNamingTheHolder() {
        Ticket ticket = enqueue(item(freshProduct("second"), NewItem.REVIEW));
        String until = claim(ticket.id(), "ana").statusCode(200).extract().path("claim_expires_at");

        claim(ticket.id(), "ben").statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("claimed by ana until " + until));
        claim(ticket.id(), "ana").statusCode(200).body("claimed_by", equalTo("ana"));
    }

    @Test
    void onlyTheHolderMayResolve() {
        Ticket ticket = enqueue(item(freshProduct("holder"), NewItem.REVIEW));
        resolve(ticket.id(), Map.of("reviewer", "ana", "action", "approve")).statusCode(409)
                .body("detail", containsString("claim it first"));
        claim(ticket.id(), "ana").statusCode(200);

        resolve(ticket.id(), Map.of("reviewer", "ben", "action", "approve")).statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("claimed by ana, not by ben"));
        resolve(ticket.id(), Map.of("reviewer", "ana", "action", "approve")).statusCode(200);
        resolve(ticket.id(), Map.of("reviewer", "ana", "action", "reject")).statusCode(409)
                .body("detail", containsString("already resolved (approve) by ana"));
        claim(ticket.id(), "ben").statusCode(409).body("detail", containsString("already resolved"));
    }

    @Test
    void anExpiredClaimIsTakenOverAndTheFormerHolderCanNoLongerResolve() {
        Ticket ticket = enqueue(item(freshProduct("expired"), NewItem.REVIEW));
        claim(ticket.id(), "ana").statusCode(200);

        QuarkusMock.installMockForType(new ReviewFixtures.ShiftedClock(Duration.ofMinutes(16)), ReviewClock.class);
        claim(ticket.id(), "ben").statusCode(200).body("claimed_by", equalTo("ben"));

        resolve(ticket.id(), Map.of("reviewer", "ana", "action", "approve")).statusCode(409)
                .body("detail", containsString("claimed by ben"));
        resolve(ticket.id(), Map.of("reviewer", "ben", "action", "reject")).statusCode(200)
                .body("resolved_by", equalTo("ben"));
    }

    @Test
    void theListShowsPendingItemsFirstOldestFirstInPages() {
        String product = freshProduct("paging");
        List<UUID> ids = List.of(enqueue(item(product, NewItem.REVIEW)).id(),
                enqueue(item(product, NewItem.HANDOFF)).id(), enqueue(item(product, NewItem.REVIEW)).id(),
                enqueue(item(product, NewItem.REVIEW)).id(), enqueue(item(product, NewItem.HANDOFF)).id());
        claim(ids.get(0), "ana").statusCode(200);
        claim(ids.get(1), "ana").statusCode(200);
        resolve(ids.get(1), Map.of("reviewer", "ana", "action", "reject")).statusCode(200);

        var first = given().queryParam("product", product).queryParam("size", 2).get("/v1/reviews").then()
                .statusCode(200).body("total", equalTo(5)).body("page", equalTo(1)).body("size", equalTo(2))
                .extract().jsonPath();
        var second = given().queryParam("product", product).queryParam("size", 2).queryParam("page", 2)
                .get("/v1/reviews").then().statusCode(200).extract().jsonPath();
        var third = given().queryParam("product", product).queryParam("size", 2).queryParam("page", 3)
                .get("/v1/reviews").then().statusCode(200).extract().jsonPath();
        List<String> order = new java.util.ArrayList<>(first.getList("items.id"));
        order.addAll(second.getList("items.id"));
        order.addAll(third.getList("items.id"));

        assertThat(order).containsExactly(ids.get(2).toString(), ids.get(3).toString(), ids.get(4).toString(),
                ids.get(0).toString(), ids.get(1).toString());
        assertThat(first.getList("items.status")).containsOnly("pending");
        given().queryParam("product", product).queryParam("status", "pending").get("/v1/reviews").then()
                .statusCode(200).body("total", equalTo(3)).body("items[0].id", equalTo(ids.get(2).toString()));
    }

    @Test
    void theQueueGaugesFollowThePendingItemsWithoutAScrapeTouchingTheDatabase() throws InterruptedException {
        enqueue(item(freshProduct("gauge"), NewItem.HANDOFF));
        var expected = database.inTransaction(repository::queueState);

        double handoffs = ReviewFixtures.eventually(() -> gauge("gateway.review.queue.depth", "handoff"),
                value -> value >= expected.pendingHandoffs());
        assertThat(handoffs).isEqualTo((double) expected.pendingHandoffs());
        assertThat(ReviewFixtures.eventually(() -> gauge("gateway.review.queue.oldest.age.seconds", null),
                age -> age > 0)).isPositive();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_review_queue_depth{kind=\"handoff\"}"))
                .body(containsString("gateway_review_queue_oldest_age_seconds"));
    }

    @Test
    void anUnknownItemIsNotFound() {
        given().get("/v1/reviews/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/reviews/not-a-uuid").then().statusCode(404);
        claim(UUID.randomUUID(), "ana").statusCode(404).contentType("application/problem+json");
        resolve(UUID.randomUUID(), Map.of("reviewer", "ana", "action", "approve")).statusCode(404);
    }

    private double gauge(String name, String kind) {
        var search = registry.find(name);
        return (kind == null ? search : search.tag("kind", kind)).gauge().value();
    }

    private Ticket enqueue(NewItem item) {
        return queue.enqueue(item).await().atMost(ReviewFixtures.WAIT);
    }

    static ValidatableResponse claim(UUID id, String reviewer) {
        return given().contentType("application/json").body(Map.of("reviewer", reviewer))
                .post("/v1/reviews/" + id + "/claim").then();
    }

    static ValidatableResponse resolve(UUID id, Map<String, String> body) {
        return given().contentType("application/json").body(body).post("/v1/reviews/" + id + "/resolve").then();
    }
}
