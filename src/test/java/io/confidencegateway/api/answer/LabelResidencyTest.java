package io.confidencegateway.api.answer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A prompt version's own {@code model} answers instead of the product's, so a {@code data_residency} must hold for the
 * versions the labels point at too: a spec {@code PUT} that sets one the model of a labelled version cannot serve,
 * and a label moved to such a version (created before the residency was set), are refused with a 400 that says which
 * label, which version, which providers and what to do, instead of a 2xx after which every answer is handed off.
 * The alias {@code us-only} routes to {@code us-east} (US) then {@code backup} (no region); {@code regional} has an EU
 * provider.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class LabelResidencyTest {

    private static final String US_ONLY_PROVIDERS = "has providers us-east (US), backup (no region), none in EU";

    private static String newProduct(String name) {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        putSpec(id, "").statusCode(201);
        return id;
    }

    private static ValidatableResponse putSpec(String id, String extra) {
        return given().contentType("application/json").body("""
                {"name": "Labels %s", "max_latency_seconds": 20, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": false, "human_review_required": false,
                 "accuracy_target": 0.8, "pii_handling": "none", %s"model": "regional"}""".formatted(id, extra))
                .put("/v1/products/" + id).then();
    }

    private static int createVersion(String product, String model) {
        String body = model == null ? "{\"instructions\": \"Answer briefly.\"}"
                : "{\"instructions\": \"Answer briefly.\", \"model\": \"" + model + "\"}";
        return given().contentType("application/json").body(body).post("/v1/products/" + product + "/prompts")
                .then().statusCode(201).extract().path("version");
    }

    private static ValidatableResponse moveLabel(String product, String label, String body) {
        return given().contentType("application/json").body(body)
                .put("/v1/products/" + product + "/prompt-labels/" + label).then();
    }

    private static void forceProduction(String product, int version) {
        moveLabel(product, "production", "{\"version\": " + version + ", \"force\": true, \"reason\": \"test\"}")
                .statusCode(200);
    }

    @Test
    void settingAResidencyThatTheProductionVersionsModelCannotServeIsRefusedAndNothingIsStored() {
        String product = newProduct("stranded-production");
        int version = createVersion(product, "us-only");
        forceProduction(product, version);

        putSpec(product, "\"data_residency\": \"EU\", ").statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("data_residency"))
                .body("errors[0].message", equalTo("label 'production' points at prompt version " + version
                        + ", whose model 'us-only' answers instead of the product's and " + US_ONLY_PROVIDERS
                        + "; move label 'production' to a version whose model serves EU or that names no model (PUT "
                        + "/v1/products/" + product + "/prompt-labels/production), then set data_residency again"));

        given().get("/v1/products/" + product).then().statusCode(200).body("data_residency", nullValue());
    }

    @Test
    void aWeightedLabelOnSuchAVersionAlsoRefusesTheResidency() {
        String product = newProduct("stranded-canary");
        int version = createVersion(product, "us-only");
        moveLabel(product, "canary", "{\"version\": " + version + ", \"weight\": 10}").statusCode(200);

        putSpec(product, "\"data_residency\": \"eu\", ").statusCode(400)
                .body("errors[0].field", equalTo("data_residency"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("label 'canary' points at prompt version "
                        + version + ", whose model 'us-only'"));
        given().get("/v1/products/" + product).then().statusCode(200).body("data_residency", nullValue());
    }

    @Test
    void versionsWithoutAModelOfTheirOwnOrWithOneServingTheRegionLetTheResidencyBeSet() {
        String product = newProduct("servable");
        forceProduction(product, createVersion(product, null));
        moveLabel(product, "canary", "{\"version\": " + createVersion(product, "regional") + ", \"weight\": 10}")
                .statusCode(200);
        // A version no label points at does not answer, so it does not block the residency.
        createVersion(product, "us-only");

        putSpec(product, "\"data_residency\": \"EU\", ").statusCode(200).body("data_residency", equalTo("EU"));
    }

    @Test
    void movingALabelToAVersionCreatedBeforeTheResidencyWhoseModelCannotServeItIsRefused() {
        String product = newProduct("late-residency");
        int usOnly = createVersion(product, "us-only");
        putSpec(product, "\"data_residency\": \"EU\", ").statusCode(200);

        moveLabel(product, "canary", "{\"version\": " + usOnly + ", \"weight\": 10}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].message", equalTo("prompt version " + usOnly + " asks model 'us-only', which has "
                        + "providers us-east (US), backup (no region), none in the data_residency EU of product '"
                        + product + "', so every answer of label 'canary' would be handed off; point it at a version "
                        + "whose model serves EU or that names no model (create one with POST /v1/products/" + product
                        + "/prompts)"));
        // Production too, and before the promotion gate: forcing the gate would not make the version servable.
        moveLabel(product, "production", "{\"version\": " + usOnly + "}").statusCode(400)
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("every answer of label 'production' "
                        + "would be handed off"));
        moveLabel(product, "production", "{\"version\": " + usOnly + ", \"force\": true, \"reason\": \"try\"}")
                .statusCode(400).body("errors[0].field", equalTo("version"));
        given().get("/v1/products/" + product + "/prompt-labels").then().statusCode(200)
                .body("find { it.label == 'production' }.version", equalTo(1))
                .body("find { it.label == 'canary' }", nullValue());
    }
}
