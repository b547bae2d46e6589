package io.confidencegateway.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSendPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    /** 5 sends at once, 2 s per send, a 60 s lease. */
    private final WebhookSendPolicy policy = new WebhookSendPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(1));

    @ParameterizedTest
    @CsvSource({
        "20, 0, 5", // a backlog: only as many as can be sent at once
        "20, 4, 1",
        "20, 5, 0", // every slot busy: claim nothing
        "20, 7, 0", // never negative
        "3, 0, 3", // fewer wanted than free
        "5, 0, 5",
        "0, 0, 0"})
    void aPassClaimsTheBatchOrTheFreeSlotsWhicheverIsFewer(int batch, int inFlight, int claimed) {
        assertThat(policy.toClaim(batch, inFlight)).isEqualTo(claimed);
    }

    @Test
    void aSendStartsOnlyIfItsTimeoutAndTheRecordingFitInTheClaim() {
        Instant lastStart = NOW.minus(Duration.ofSeconds(2)).minus(WebhookSendPolicy.RECORD_MARGIN);

        assertThat(policy.sendable(lastStart, NOW)).isTrue();
        assertThat(policy.sendable(lastStart.plusMillis(1), NOW)).isFalse();
        assertThat(policy.sendable(lastStart.minusSeconds(50), NOW)).isTrue();
        assertThat(policy.sendable(NOW, NOW)).isFalse();
    }

    @Test
    void aLeaseNoLongerThanTheTimeoutPlusTheMarginStopsTheGatewayNamingBothKeys() {
        Duration timeout = Duration.ofSeconds(2);
        Duration tooShort = timeout.plus(WebhookSendPolicy.RECORD_MARGIN);

        assertThatThrownBy(() -> new WebhookSendPolicy(5, timeout, tooShort))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.webhook-outbox.claim-lease (PT2.5S) must be more than "
                        + "gateway.review.webhook-timeout (PT2S) plus 500 ms, or a slow receiver is sent the same "
                        + "event twice");
        assertThat(new WebhookSendPolicy(5, timeout, tooShort.plusMillis(1)).maxInFlight()).isEqualTo(5);
    }

    @Test
    void noSendSlotsStopsTheGatewayAndOneIsEnough() {
        assertThatThrownBy(() -> new WebhookSendPolicy(0, Duration.ofSeconds(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.webhook-outbox.max-in-flight must be at least 1, not 0");
        assertThat(new WebhookSendPolicy(1, Duration.ofSeconds(2), Duration.ofMinutes(1)).toClaim(20, 0))
                .isEqualTo(1);
    }
}
