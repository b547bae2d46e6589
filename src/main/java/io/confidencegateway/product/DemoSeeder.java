package io.confidencegateway.product;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.confidencegateway.knowledge.DemoKnowledge;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives the shipped demo product its knowledge base on first start (when it has no documents yet), in the
 * background; readiness stays DOWN until that is done, so the README's first question finds its answer.
 */
@Readiness
@ApplicationScoped
public class DemoSeeder implements HealthCheck {

    static final String DEMO_PRODUCT = "support-copilot";
    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

    private final ProductService products;
    private final DemoKnowledge demo;
    private final boolean enabled;
    private final AtomicReference<String> state = new AtomicReference<>("pending");

    public DemoSeeder(ProductService products, DemoKnowledge demo, DemoConfig config) {
        this.products = products;
        this.demo = demo;
        this.enabled = config.seedKnowledge();
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled || products.find(DEMO_PRODUCT).isEmpty()) {
            state.set("skipped");
            return;
        }
        demo.seedIfEmpty(DEMO_PRODUCT).subscribe().with(done -> state.set("ready"), failure -> {
            state.set("failed");
            LOG.errorf(failure, "Seeding the demo knowledge base of %s failed", DEMO_PRODUCT);
        });
    }

    @Override
    public HealthCheckResponse call() {
        String now = state.get();
        return HealthCheckResponse.named("demo-knowledge").status(!now.equals("pending"))
                .withData(DEMO_PRODUCT, now).build();
    }
}
