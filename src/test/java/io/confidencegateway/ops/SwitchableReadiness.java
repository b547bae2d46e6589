package io.confidencegateway.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A readiness check a test can turn DOWN for a moment (UP otherwise, so other tests never see it fail). */
@Readiness
@ApplicationScoped
public class SwitchableReadiness implements HealthCheck {

    static volatile boolean down;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("switchable").status(!down).build();
    }
}
