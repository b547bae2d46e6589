package io.confidencegateway.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WebhookRetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    /** 5 attempts; waits 1 s, 4 s, 16 s, then capped at 30 s. */
    private final WebhookRetryPolicy policy = new WebhookRetryPolicy(5, Duration.ofSeconds(1), 4,
            Duration.ofSeconds(30));

    @ParameterizedTest
    @CsvSource({"200", "201", "204", "299"})
    void a2xxIsDelivered(int status) {
        assertThat(policy.after(1, status, NOW)).isInstanceOf(WebhookRetryPolicy.Delivered.class);
    }

    @ParameterizedTest
    @CsvSource({"0", "408", "429", "500", "502", "503", "599"})
    void noResponseA408A429OrA5xxIsRetriedAfterTheFirstWait(int status) {
        assertThat(policy.after(1, status, NOW)).isEqualTo(new WebhookRetryPolicy.Retry(NOW.plusSeconds(1)));
    }

    @ParameterizedTest
    @CsvSource({"199", "300", "301", "400", "401", "404", "407", "409", "428", "499"})
    void anyOtherStatusIsGivenUpAtOnceAndSaysItIsNotRetried(int status) {
        assertThat(policy.after(1, status, NOW)).isEqualTo(new WebhookRetryPolicy.GiveUp("HTTP " + status
                + ", which is not retried, after 1 attempt"));
    }

    @ParameterizedTest
    @CsvSource({"1, 1000", "2, 4000", "3, 16000", "4, 30000", "5, 30000", "40, 30000"})
    void eachWaitIsThePreviousTimesTheMultiplierUpToTheCap(int attempt, long millis) {
        assertThat(policy.waitAfter(attempt)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void theAttemptBeforeTheLastIsStillRetried() {
        assertThat(policy.after(4, 503, NOW)).isEqualTo(new WebhookRetryPolicy.Retry(NOW.plusSeconds(30)));
    }

    @Test
    void theLastAllowedAttemptIsGivenUpWithTheCountInWords() {
        assertThat(policy.after(5, 503, NOW)).isEqualTo(new WebhookRetryPolicy.GiveUp(
                "HTTP 503 after 5 attempts, the most allowed"));
        assertThat(policy.after(5, 0, NOW)).isEqualTo(new WebhookRetryPolicy.GiveUp(
                "no response after 5 attempts, the most allowed"));
    }

    @Test
    void aSuccessOnTheLastAttemptIsStillDelivered() {
        assertThat(policy.after(5, 200, NOW)).isInstanceOf(WebhookRetryPolicy.Delivered.class);
    }

    @Test
    void withOneAttemptAFailureIsGivenUpAtOnce() {
        var once = new WebhookRetryPolicy(1, Duration.ofSeconds(1), 2, Duration.ofSeconds(1));

        assertThat(once.after(1, 500, NOW)).isEqualTo(new WebhookRetryPolicy.GiveUp(
                "HTTP 500 after 1 attempt, the most allowed"));
    }

    @Test
    void aMultiplierOfOneWaitsTheSameEveryTime() {
        var steady = new WebhookRetryPolicy(10, Duration.ofMillis(250), 1, Duration.ofSeconds(5));

        assertThat(steady.waitAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(steady.waitAfter(9)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void badSettingsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> new WebhookRetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1)))
                .hasMessage("max attempts must be at least 1; got 0");
        assertThatThrownBy(() -> new WebhookRetryPolicy(3, Duration.ZERO, 2, Duration.ofSeconds(1)))
                .hasMessage("the first wait must be positive; got PT0S");
        assertThatThrownBy(() -> new WebhookRetryPolicy(3, Duration.ofSeconds(1), 0.99, Duration.ofSeconds(1)))
                .hasMessage("the multiplier must be at least 1; got 0.99");
        assertThatThrownBy(() -> new WebhookRetryPolicy(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
                .hasMessage("the longest wait (PT1S) must not be shorter than the first (PT2S)");
        assertThat(new WebhookRetryPolicy(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)).waitAfter(1))
                .as("the edges themselves are allowed").isEqualTo(Duration.ofSeconds(1));
    }
}
