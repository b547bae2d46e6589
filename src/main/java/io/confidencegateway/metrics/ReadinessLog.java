package io.confidencegateway.metrics;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import io.smallrye.health.api.HealthType;
import io.smallrye.health.event.SmallRyeHealthStatusChangeEvent;

/**
 * One log line when readiness changes, instead of SmallRye Health's line on every probe that finds it DOWN
 * (44 in one start-up while the demo knowledge base was seeded; its category is set to WARN for that reason).
 */
@ApplicationScoped
public class ReadinessLog {

    private static final Logger LOG = Logger.getLogger(ReadinessLog.class);

    void changed(@Observes SmallRyeHealthStatusChangeEvent event) {
        if (event.healthType() != HealthType.READINESS) {
            return;
        }
        var health = event.health();
        if (health.isDown()) {
            LOG.infof("Readiness is DOWN: %s", health.getPayload().getJsonArray("checks").stream()
                    .map(check -> check.asJsonObject())
                    .filter(check -> HealthCheckResponse.Status.DOWN.name().equals(check.getString("status", "")))
                    .map(check -> check.getString("name", "?") + (check.containsKey("data")
                            ? " " + check.get("data") : ""))
                    .collect(Collectors.joining("; ")));
        } else {
            LOG.info("Readiness is UP");
        }
    }
}
