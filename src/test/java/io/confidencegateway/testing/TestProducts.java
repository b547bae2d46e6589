package io.confidencegateway.testing;

import static io.restassured.RestAssured.given;

/** Creates a minimal product over the API, for tests that need one to exist (documents belong to a product). */
public final class TestProducts {

    private TestProducts() {
    }

    public static String ensure(String id) {
        int status = given().contentType("application/json").body("""
                {"name": "Test product", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none"}""").put("/v1/products/" + id).statusCode();
        if (status != 200 && status != 201) {
            throw new AssertionError("could not create product " + id + ": HTTP " + status);
        }
        return id;
    }
}
