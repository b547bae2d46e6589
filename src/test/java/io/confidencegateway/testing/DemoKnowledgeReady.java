package io.confidencegateway.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;

/** Waits (bounded) until the demo product's knowledge base is seeded, as readiness reports it. */
public final class DemoKnowledgeReady {

    private DemoKnowledgeReady() {
    }

    public static void await() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String state = given().get("/q/health/ready").jsonPath()
                    .getString("checks.find { it.name == 'demo-knowledge' }.data.'support-copilot'");
            if ("ready".equals(state)) {
                return;
            }
            if ("failed".equals(state)) {
                throw new AssertionError("the demo knowledge base failed to seed");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the demo knowledge base was not seeded within 90 s");
    }
}
