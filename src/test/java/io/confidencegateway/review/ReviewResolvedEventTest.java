package io.confidencegateway.review;

import static io.confidencegateway.review.ReviewFixtures.eventually;
import static io.confidencegateway.review.ReviewFixtures.freshProduct;
import static io.confidencegateway.review.ReviewFixtures.item;
import static io.confidencegateway.review.ReviewQueueTest.claim;
import static io.confidencegateway.review.ReviewQueueTest.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ReviewResolvedEventTest {

    @Inject
    ReviewQueue queue;

    @Inject
    ReviewResolvedObserver observer;

    @Test
    void eachResolutionIsAnnouncedOnceWithTheVerdict() throws InterruptedException {
        NewItem item = item(freshProduct("announced"), NewItem.REVIEW);
        UUID id = queue.enqueue(item).await().atMost(ReviewFixtures.WAIT).id();
        claim(id, "ana").statusCode(200);
        resolve(id, Map.of("reviewer", "ana", "action", "edit", "final_text", "Thirty days.", "reason", "shorter"))
                .statusCode(200);
        resolve(id, Map.of("reviewer", "ana", "action", "approve")).statusCode(409);

        List<ReviewResolved> events = of(observer.seen(), id);
        assertThat(events).hasSize(1);
        ReviewResolved event = events.get(0);
        assertThat(event.answerId()).isEqualTo(item.answerId());
        assertThat(event.product()).isEqualTo(item.product());
        assertThat(event.reviewer()).isEqualTo("ana");
        assertThat(event.action()).isEqualTo("edit");
        assertThat(event.finalText()).isEqualTo("Thirty days.");
        assertThat(event.reason()).isEqualTo("shorter");
        assertThat(event.resolvedAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(eventually(() -> of(observer.seenAsync(), id), list -> !list.isEmpty())).containsExactly(event);
    }

    @Test
    void aFailingObserverNeitherFailsNorUndoesTheResolution() throws InterruptedException {
        UUID id = queue.enqueue(item(freshProduct(ReviewResolvedObserver.EXPLOSIVE), NewItem.REVIEW))
                .await().atMost(ReviewFixtures.WAIT).id();
        claim(id, "ana").statusCode(200);

        resolve(id, Map.of("reviewer", "ana", "action", "approve")).statusCode(200)
                .body("status", equalTo("resolved"));

        assertThat(of(observer.seen(), id)).hasSize(1);
        assertThat(queue.get(id).await().atMost(ReviewFixtures.WAIT).status()).isEqualTo("resolved");
    }

    private static List<ReviewResolved> of(List<ReviewResolved> events, UUID id) {
        return events.stream().filter(e -> e.itemId().equals(id)).toList();
    }
}
