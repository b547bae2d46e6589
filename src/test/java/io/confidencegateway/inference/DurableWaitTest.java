package io.confidencegateway.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.api.ProblemMappers;

/**
 * Feedback on a chat completion waits for the writer to commit the completion's record; while the database fails
 * the writer retries without end, so the wait is bounded and ends in a 503 that says why and when to retry.
 */
class DurableWaitTest {

    @Test
    void aCommitThatNeverComesIsA503WithRetryAfterOnceTheWaitIsOver() {
        long started = System.nanoTime();
        Throwable failure = catchThrowable(() -> InferenceLog.committed(new CompletableFuture<>(),
                Duration.ofMillis(200)).await().atMost(Duration.ofSeconds(10)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(failure).isInstanceOf(ProblemException.class);
        Problem problem = ((ProblemException) failure).problem();
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).startsWith("The answer store is unavailable").contains("retry later");
        assertThat(tookMillis).isBetween(150L, 5_000L);

        Response response = new ProblemMappers().problem((ProblemException) failure, null);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    }

    @Test
    void aCommitWithinTheWaitIsWaitedFor() {
        var stored = new CompletableFuture<Void>();
        CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> stored.complete(null));

        assertThat(InferenceLog.committed(stored, Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(10)))
                .isNull();
        assertThat(stored).isCompleted();
    }

    @Test
    void theRetryAfterIsTheWaitInWholeSeconds() {
        assertThat(ProblemException.unavailable("x", Duration.ofSeconds(5)).retryAfterSeconds()).isEqualTo(5);
        assertThat(ProblemException.unavailable("x", Duration.ofMillis(10)).retryAfterSeconds()).isEqualTo(1);
    }
}
