package io.confidencegateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProviderStatusTest {

    private static final ProviderRegistry.Reachability UP = new ProviderRegistry.Reachability(true, "HTTP 200",
            Instant.EPOCH);
    private static final ProviderRegistry.Reachability DOWN = new ProviderRegistry.Reachability(false,
            "connection refused at http://localhost:11434/api/tags", Instant.EPOCH);
    private static final ProviderState FAILING = ProviderState.failing(
            new ProviderFailure.ConnectFailed("ollama", "refused"));

    private static ProviderStatus of(boolean probed, ProviderRegistry.Reachability r, CircuitBreaker.State breaker,
            ProviderState last) {
        return ProviderStatus.of(probed, r, breaker, last);
    }

    @Test
    void aSelfHostedServerNobodyRunsIsUnreachableNotAvailable() {
        ProviderStatus status = of(true, DOWN, CircuitBreaker.State.CLOSED, ProviderState.UNKNOWN);
        assertThat(status.status()).isEqualTo("unreachable");
        assertThat(status.available()).isFalse();
        assertThat(status.reason()).isEqualTo("connection refused at http://localhost:11434/api/tags");
    }

    @Test
    void aSelfHostedServerThatAnsweredTheCheckIsReady() {
        assertThat(of(true, UP, CircuitBreaker.State.CLOSED, ProviderState.UNKNOWN)).isEqualTo(ProviderStatus.READY);
    }

    @Test
    void beforeTheFirstCheckASelfHostedServerIsNotYetCalledAvailable() {
        ProviderStatus status = of(true, null, CircuitBreaker.State.CLOSED, ProviderState.UNKNOWN);
        assertThat(status.status()).isEqualTo("checking");
        assertThat(status.available()).isFalse();
    }

    @Test
    void aVendorWithAKeyIsConfiguredUntilItsFirstCallThenReadyOrFailing() {
        ProviderStatus configured = of(false, null, CircuitBreaker.State.CLOSED, ProviderState.UNKNOWN);
        assertThat(configured.status()).isEqualTo("configured");
        assertThat(configured.available()).isTrue();
        assertThat(of(false, null, CircuitBreaker.State.CLOSED, ProviderState.ok())).isEqualTo(ProviderStatus.READY);
        ProviderStatus failing = of(false, null, CircuitBreaker.State.CLOSED, FAILING);
        assertThat(failing.status()).isEqualTo("failing");
        assertThat(failing.available()).as("still tried").isTrue();
        assertThat(failing.reason()).isEqualTo("the last call failed: connect_failed");
    }

    @Test
    void anOpenCircuitIsNotAvailableWhateverTheCheckSaid() {
        ProviderStatus open = of(true, UP, CircuitBreaker.State.OPEN, FAILING);
        assertThat(open.status()).isEqualTo("circuit_open");
        assertThat(open.available()).isFalse();
        assertThat(of(false, null, CircuitBreaker.State.HALF_OPEN, FAILING).status()).isEqualTo("failing");
    }

    @Test
    void aFailedCallOutranksAnAnsweredCheck() {
        assertThat(of(true, UP, CircuitBreaker.State.CLOSED, FAILING).status()).isEqualTo("failing");
        assertThat(of(true, DOWN, CircuitBreaker.State.CLOSED, ProviderState.ok()).status()).isEqualTo("unreachable");
    }
}
