package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class EmbeddingPermitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aFreePermitIsTakenAtOnceByEitherKind() {
        EmbeddingPermits permits = new EmbeddingPermits(2);

        permits.acquireForIndexing();
        permits.acquireForAnswer();

        assertThat(permits.available()).isZero();
        permits.release();
        permits.release();
        assertThat(permits.available()).isEqualTo(2);
    }

    @Test
    void aReleasedPermitGoesToTheWaitingAnswerBeforeTheIndexingThatWaitedLonger() throws Exception {
        EmbeddingPermits permits = new EmbeddingPermits(1);
        permits.acquireForIndexing();
        List<String> order = new CopyOnWriteArrayList<>();
        Thread indexing = waiter(() -> permits.acquireForIndexing(), "indexing", order, permits);
        Awaitility.await().atMost(WAIT).until(() -> indexing.getState() == Thread.State.WAITING);
        Thread answer = waiter(() -> permits.acquireForAnswer(), "answer", order, permits);
        Awaitility.await().atMost(WAIT).until(() -> answer.getState() == Thread.State.WAITING);

        permits.release();

        answer.join(WAIT.toMillis());
        indexing.join(WAIT.toMillis());
        assertThat(order).containsExactly("answer", "indexing");
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void indexingWaitsWhileAnAnswerWaitsEvenIfItCameFirst() throws Exception {
        EmbeddingPermits permits = new EmbeddingPermits(2);
        permits.acquireForAnswer();
        permits.acquireForAnswer();
        CountDownLatch answered = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Thread indexing = waiter(() -> permits.acquireForIndexing(), "indexing", order, permits);
        Thread answer = waiter(() -> {
            permits.acquireForAnswer();
            answered.countDown();
        }, "answer", order, permits);
        Awaitility.await().atMost(WAIT).until(() -> indexing.getState() == Thread.State.WAITING
                && answer.getState() == Thread.State.WAITING);

        permits.release();

        assertThat(answered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // The indexing thread gets the permit only when the answer gives it back.
        indexing.join(WAIT.toMillis());
        assertThat(order).containsExactly("answer", "indexing");
    }

    @Test
    void thereIsAtLeastOnePermit() {
        assertThatThrownBy(() -> new EmbeddingPermits(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThat(new EmbeddingPermits(1).available()).isEqualTo(1);
    }

    /** A thread that acquires, records its name, holds the permit briefly and releases it. */
    private static Thread waiter(Runnable acquire, String name, List<String> order, EmbeddingPermits permits) {
        Thread thread = new Thread(() -> {
            acquire.run();
            order.add(name);
            permits.release();
        }, name);
        thread.start();
        return thread;
    }
}
