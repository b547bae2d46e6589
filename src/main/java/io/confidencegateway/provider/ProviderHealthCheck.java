package io.confidencegateway.provider;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness data for each provider: its last-known state ({@code unknown}, {@code ok}, {@code failing} with the
 * last failure) and the disabled ones with the reason. The check itself stays UP while a provider fails: one
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
        registry.states().forEach((name, state) -> builder.withData(name, state.status()
                + (state.lastFailureKind() == null ? "" : " (" + state.lastFailureKind() + ": "
                        + state.lastFailureMessage() + ")")));
        registry.disabled().forEach((name, reason) -> builder.withData(name, "disabled (" + reason + ")"));
        return builder.build();
    }
}
