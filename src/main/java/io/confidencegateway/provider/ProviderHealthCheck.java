package io.confidencegateway.provider;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness data for each provider: its last-known state ({@code unknown}, {@code ok}, {@code failing} with the
 * last failure), its circuit breaker when not closed, and the disabled ones with the reason. The check itself stays UP while a provider fails: one
 * failing upstream must not take every gateway replica out of a load balancer (the gateway still answers the
 * other aliases, and its errors say what is wrong).
 */
@Readiness
@ApplicationScoped
public class ProviderHealthCheck implements HealthCheck {

    private final ProviderRegistry registry;

    public ProviderHealthCheck(ProviderRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("providers").up();
        var breakers = registry.breakerStates();
        registry.states().forEach((name, state) -> {
            CircuitBreaker.State breaker = breakers.getOrDefault(name, CircuitBreaker.State.CLOSED);
            builder.withData(name, state.status()
                    + (state.lastFailureKind() == null ? "" : " (" + state.lastFailureKind() + ": "
                            + state.lastFailureMessage() + ")")
                    + (breaker == CircuitBreaker.State.CLOSED ? "" : ", circuit "
                            + breaker.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    + registry.reachability(name).map(r -> r.reachable() ? ", reachable"
                            : ", unreachable (" + r.detail() + ")").orElse(""));
        });
        registry.disabled().forEach((name, reason) -> builder.withData(name, "disabled (" + reason + ")"));
        return builder.build();
    }
}
