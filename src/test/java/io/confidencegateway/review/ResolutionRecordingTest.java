package io.confidencegateway.review;

import static io.confidencegateway.review.ReviewFixtures.freshProduct;
import static io.confidencegateway.review.ReviewQueueTest.claim;
import static io.confidencegateway.review.ReviewQueueTest.resolve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.feedback.VerdictSweep;
import io.confidencegateway.store.Database;
import io.confidencegateway.testing.AnswerRows;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A reviewer's verdict is handed to the recorders once, and stored as feedback before the resolve call answers. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ResolutionRecordingTest {

    @Inject
    Database database;

    @Inject
    ReviewQueue queue;

    @Inject
    CountingRecorder recorder;

    @Inject
    Event<ReviewResolved> resolved;

    @Inject
    VerdictSweep sweep;

    @Test
    void aVerdictIsRecordedOnceAndIsFeedbackTheMomentTheResolveCallAnswers() {
        String product = freshProduct("recorded");
        UUID answer = answer(product);
        UUID item = enqueue(product, answer);
        claim(item, "ana").statusCode(200);

        resolve(item, Map.of("reviewer", "ana", "action", "reject", "reason", "made up")).statusCode(200);

        // No waiting: a 2xx means the verdict is stored.
        given().get("/v1/answers/" + answer + "/feedback").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].source", equalTo("review")).body("[0].review_action", equalTo("reject"))
                .body("[0].judged_correct", equalTo(false)).body("[0].review_item_id", equalTo(item.toString()));
        assertThat(recorder.callsFor(item)).as("calls for the one resolution").isEqualTo(1);
    }

    @Test
    void theResolvedEventAloneStoresNoVerdict() {
        // Verdicts come from the queue's one call, not from observing the event as well (sync and async).
        String product = freshProduct("announced-only");
        UUID answer = answer(product);
        var event = new ReviewResolved(UUID.randomUUID(), answer, product, "ana", "approve", null, null,
                Instant.now());

        resolved.fire(event);
        resolved.fireAsync(event).toCompletableFuture().join();

        given().get("/v1/answers/" + answer + "/feedback").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aFailingRecorderNeitherFailsTheResolutionNorKeepsTheVerdictFromTheOthers() {
        String product = freshProduct(ReviewResolvedObserver.EXPLOSIVE);
        UUID answer = answer(product);
        UUID item = enqueue(product, answer);
        claim(item, "ana").statusCode(200);

        resolve(item, Map.of("reviewer", "ana", "action", "approve")).statusCode(200)
                .body("status", equalTo("resolved"));

        assertThat(recorder.callsFor(item)).isEqualTo(1);
        given().get("/v1/answers/" + answer + "/feedback").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].review_action", equalTo("approve")).body("[0].judged_correct", equalTo(true));
    }

    @Test
    void aVerdictWhoseStoreFailedIsRecordedFromTheDurableResolutionBySweep() throws Exception {
        String product = freshProduct("swept");
        UUID answer = answer(product);
        UUID item = enqueue(product, answer);
        claim(item, "ana").statusCode(200);
        resolve(item, Map.of("reviewer", "ana", "action", "reject", "reason", "made up")).statusCode(200);
        // As if storing the verdict had failed when the item was resolved.
        database.inTransaction(c -> {
            try (var delete = c.prepareStatement("DELETE FROM feedback WHERE review_item_id = ?")) {
                delete.setObject(1, item);
                return delete.executeUpdate();
            }
        });
        given().get("/v1/answers/" + answer + "/feedback").then().statusCode(200).body("size()", equalTo(0));

        int recorded = sweep.sweep().await().atMost(ReviewFixtures.WAIT);

        assertThat(recorded).isPositive();
        given().get("/v1/answers/" + answer + "/feedback").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].review_action", equalTo("reject")).body("[0].judged_correct", equalTo(false))
                .body("[0].review_item_id", equalTo(item.toString()));
        sweep.sweep().await().atMost(ReviewFixtures.WAIT);
        given().get("/v1/answers/" + answer + "/feedback").then().body("size()", equalTo(1));
    }

    private UUID answer(String product) {
        return AnswerRows.insert(database, new AnswerRows.Answer(product, "agent-1", 0.5, "review", 300, 0.0001,
                "You can return it within 30 days [1].", Instant.now()));
    }

    private UUID enqueue(String product, UUID answer) {
        NewItem fixture = ReviewFixtures.item(product, NewItem.REVIEW);
        NewItem item = new NewItem(answer, fixture.product(), fixture.kind(), fixture.reason(), fixture.question(),
                fixture.draft(), fixture.passages(), fixture.signals(), fixture.confidence());
        return queue.enqueue(item).await().atMost(ReviewFixtures.WAIT).id();
    }
}
