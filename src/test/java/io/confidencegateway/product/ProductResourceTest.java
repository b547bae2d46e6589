package io.confidencegateway.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ProductResourceTest {

    static final String SPEC = """
            {"name": "Docs Helper", "user_persona": "Developer", "job_to_be_done": "Answer API questions",
             "input_types": ["text"], "output_format": "markdown", "max_latency_seconds": 5,
             "context_window_needs": "medium", "hallucination_risk": "low", "requires_citations": true,
             "human_review_required": false, "accuracy_target": 0.8, "daily_requests_estimate": 500,
             "concurrent_users_peak": 5, "data_residency": "US", "pii_handling": "none",
             "thresholds": {"high": 0.9, "medium": 0.7}}""";

    @Inject
    Database database;

    @Inject
    ProductRepository repository;

    @Inject
    ObjectMapper json;

    static String newId() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void seededSupportCopilotIsServedWithItsWholeSpec() {
        given().get("/v1/products").then().statusCode(200).body("id", hasItem("support-copilot"));

        given().get("/v1/products/support-copilot").then().statusCode(200)
                .body("id", equalTo("support-copilot"))
                .body("name", equalTo("Support Copilot"))
                .body("user_persona", equalTo("Tier-1 support agent handling billing and account questions"))
                .body("job_to_be_done", equalTo("Draft accurate, cited replies to customer billing and account "
                        + "questions"))
                .body("input_types", equalTo(List.of("text")))
                .body("output_format", equalTo("text"))
                .body("max_latency_seconds", equalTo(3.0f))
                .body("context_window_needs", equalTo("short"))
                .body("hallucination_risk", equalTo("high"))
                .body("requires_citations", equalTo(true))
                .body("human_review_required", equalTo(true))
                .body("accuracy_target", equalTo(0.92f))
                .body("daily_requests_estimate", equalTo(2000))
                .body("concurrent_users_peak", equalTo(50))
                .body("data_residency", equalTo("US"))
                .body("pii_handling", equalTo("redact"))
                .body("eligible_users", equalTo(120))
                .body("thresholds", equalTo(Map.of("high", 0.85f, "medium", 0.6f, "review", 0.6f,
                        "fallback", 0.3f)));
    }

    @Test
    void seededSupportCopilotIsRecommendedTheFrontierTierBecauseItsRiskIsHigh() {
        given().get("/v1/products/support-copilot/recommendation").then().statusCode(200)
                .body("product", equalTo("support-copilot"))
                .body("tier", equalTo("frontier"))
                .body("model_alias", equalTo("gpt-4o"))
                .body("reason", containsString("risk is high"))
                .body("guardrails", equalTo(List.of("citations_required", "human_review", "confidence_gating")))
                .body("overridden_by_spec_model", equalTo(false))
                .body("effective_model_alias", equalTo("gpt-4o"));
    }

    @Test
    void putCreatesThenReplacesAndTheProductReadsBack() {
        String id = newId();

        given().contentType("application/json").body(SPEC).put("/v1/products/" + id).then().statusCode(201)
                .header("Location", endsWith("/v1/products/" + id))
                .body("id", equalTo(id)).body("name", equalTo("Docs Helper"))
                .body("thresholds.high", equalTo(0.9f));
        given().get("/v1/products/" + id).then().statusCode(200)
                .body("name", equalTo("Docs Helper")).body("context_window_needs", equalTo("medium"));

        given().contentType("application/json").body(SPEC.replace("Docs Helper", "Docs Helper 2"))
                .put("/v1/products/" + id).then().statusCode(200).body("name", equalTo("Docs Helper 2"));
        given().get("/v1/products/" + id).then().statusCode(200).body("name", equalTo("Docs Helper 2"));
        given().get("/v1/products").then().statusCode(200).body("id", hasItems(id, "support-copilot"));
    }

    @Test
    void aGetResponseCanBeSentBackAsThePutBody() {
        String id = newId();
        given().contentType("application/json").body(SPEC).put("/v1/products/" + id).then().statusCode(201);
        String served = given().get("/v1/products/" + id).then().statusCode(200).extract().asString();

        given().contentType("application/json").body(served).put("/v1/products/" + id).then().statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void aCommittedPutIsInTheDatabaseNotOnlyInMemory() throws Exception {
        String id = newId();
        given().contentType("application/json").body(SPEC).put("/v1/products/" + id).then().statusCode(201);
        given().contentType("application/json").body(SPEC.replace("\"low\"", "\"medium\""))
                .put("/v1/products/" + id).then().statusCode(200);

        StoredProduct row = database.inTransaction(connection -> repository.find(connection, id)).orElseThrow();

        assertThat(row.version()).isEqualTo(2);
        assertThat(row.updatedAt()).isAfterOrEqualTo(row.createdAt());
        JsonNode stored = json.readTree(row.specJson());
        assertThat(stored.get("name").asText()).isEqualTo("Docs Helper");
        assertThat(stored.get("hallucination_risk").asText()).isEqualTo("medium");
        assertThat(stored.get("thresholds").get("medium").asDouble()).isEqualTo(0.7);
        assertThat(stored.has("model")).isFalse();
    }

    @Test
    void aSpecModelOverridesTheTierRecommendation() {
        String id = newId();
        // Without a data_residency: llama3's ollama declares no region, so it serves only products without one.
        String spec = SPEC.replace("\"pii_handling\": \"none\"", "\"pii_handling\": \"none\", \"model\": \"llama3\"")
                .replace("\"data_residency\": \"US\", ", "");
        given().contentType("application/json").body(spec).put("/v1/products/" + id).then().statusCode(201)
                .body("model", equalTo("llama3"));

        given().get("/v1/products/" + id + "/recommendation").then().statusCode(200)
                .body("tier", equalTo("mid"))
                .body("model_alias", equalTo("gpt-4o-mini"))
                .body("guardrails", equalTo(List.of("citations_required")))
                .body("overridden_by_spec_model", equalTo(true))
                .body("effective_model_alias", equalTo("llama3"));
    }

    @Test
    void anUnknownProductIsA404ProblemNamingTheId() {
        given().get("/v1/products/no-such-product").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("'no-such-product'"));
        given().get("/v1/products/no-such-product/recommendation").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("'no-such-product'"));
        given().get("/v1/products/Not_A_Slug").then().statusCode(404)
                .body("detail", containsString("lowercase slug"));
    }

    @Test
    void aProductIsNotServedBeforeItsPutSucceeds() {
        String id = newId();
        given().contentType("application/json").body(SPEC.replace("0.8", "1.5")).put("/v1/products/" + id)
                .then().statusCode(400);

        given().get("/v1/products/" + id).then().statusCode(404);
        given().get("/v1/products").then().body("id", not(hasItem(id)));
    }
}
