package io.confidencegateway.review;

import static io.confidencegateway.review.ReviewFixtures.freshProduct;
import static io.confidencegateway.review.ReviewFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.problem.ProblemException;
import io.quarkus.test.junit.QuarkusMock;

/**
 * Many reviewers claiming one item at the same instant: the database must pick exactly one. Checked against
 * whichever store the subclass boots: H2 always, PostgreSQL in the {@code postgres} Maven profile.
 */
abstract class ConcurrentClaimsTest {

    private static final int CONTENDERS = 16;
    private static final int ROUNDS = 3;

    @Inject
    ReviewQueue queue;

    @Test
    void concurrentClaimsOfOnePendingItemHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            UUID id = queue.enqueue(item(freshProduct("race"), NewItem.REVIEW)).await().atMost(ReviewFixtures.WAIT)
                    .id();
            assertExactlyOneWinner(id);
        }
    }

    @Test
    void concurrentTakeoversOfOneExpiredClaimHaveExactlyOneWinner() throws Exception {
        UUID id = queue.enqueue(item(freshProduct("takeover"), NewItem.REVIEW)).await().atMost(ReviewFixtures.WAIT)
                .id();
        queue.claim(id, new ClaimRequest("first-holder")).await().atMost(ReviewFixtures.WAIT);

        QuarkusMock.installMockForType(new ReviewFixtures.ShiftedClock(Duration.ofHours(1)), ReviewClock.class);
        assertExactlyOneWinner(id);
    }

    private void assertExactlyOneWinner(UUID id) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < CONTENDERS; i++) {
                String reviewer = "reviewer-" + i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        queue.claim(id, new ClaimRequest(reviewer)).await().atMost(ReviewFixtures.WAIT);
                        return "won by " + reviewer;
                    } catch (ProblemException refused) {
                        return String.valueOf(refused.problem().status());
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(ReviewFixtures.WAIT.toSeconds(), TimeUnit.SECONDS));
            }

            List<String> winners = results.stream().filter(r -> r.startsWith("won by ")).toList();
            assertThat(winners).as("winners among %s", results).hasSize(1);
            assertThat(Collections.frequency(results, "409")).isEqualTo(CONTENDERS - 1);
            ReviewItem item = queue.get(id).await().atMost(ReviewFixtures.WAIT);
            assertThat("won by " + item.claimedBy()).isEqualTo(winners.get(0));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(ReviewFixtures.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }
}
