package io.confidencegateway.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;

/** Waits (bounded) until the demo product's knowledge base is seeded, as readiness reports it. */
public final class DemoKnowledgeReady {

    private DemoKnowledgeReady() {
    }

    public static void await() {
        String state = Eventually.read(() -> given().get("/q/health/ready").jsonPath()
                .getString("checks.find { it.name == 'demo-knowledge' }.data.'support-copilot'"),
                s -> "ready".equals(s) || "failed".equals(s), Duration.ofSeconds(90));
        if ("failed".equals(state)) {
            throw new AssertionError("the demo knowledge base failed to seed");
        }
        if (!"ready".equals(state)) {
            throw new AssertionError("the demo knowledge base was not seeded within 90 s");
        }
    }
}
