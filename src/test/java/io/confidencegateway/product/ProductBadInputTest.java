package io.confidencegateway.product;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ProductBadInputTest {

    private static final String SPEC = ProductResourceTest.SPEC;

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("accuracy above 1", SPEC.replace("0.8,", "1.5,"),
                        "accuracy_target", "between 0 and 1"),
                Arguments.of("negative latency", SPEC.replace("\"max_latency_seconds\": 5", "\"max_latency_seconds\": -2"),
                        "max_latency_seconds", "greater than 0 and at most 600"),
                Arguments.of("latency over the maximum", SPEC.replace("\"max_latency_seconds\": 5",
                        "\"max_latency_seconds\": 601"), "max_latency_seconds", "at most 600"),
                Arguments.of("unknown enum value", SPEC.replace("\"low\"", "\"extreme\""),
                        "hallucination_risk", "must be one of low, medium, high, critical (got 'extreme')"),
                Arguments.of("unknown context window", SPEC.replace("\"medium\",", "\"huge\","),
                        "context_window_needs", "must be one of short, medium, long"),
                Arguments.of("thresholds out of order", SPEC.replace("{\"high\": 0.9, \"medium\": 0.7}",
                        "{\"high\": 0.5, \"medium\": 0.7}"), "thresholds", "must be ordered"),
                Arguments.of("threshold out of range", SPEC.replace("\"high\": 0.9", "\"high\": 1.2"),
                        "thresholds.high", "between 0 and 1"),
                Arguments.of("negative count", SPEC.replace("\"concurrent_users_peak\": 5",
                        "\"concurrent_users_peak\": -5"), "concurrent_users_peak", "0 or more"),
                Arguments.of("missing required field", SPEC.replace("\"pii_handling\": \"none\",", ""),
                        "pii_handling", "is required: one of none, redact, allowed"),
                Arguments.of("blank name", SPEC.replace("\"Docs Helper\"", "\"  \""),
                        "name", "must not be blank"),
                Arguments.of("blank input type", SPEC.replace("[\"text\"]", "[\"text\", \"\"]"),
                        "input_types[1]", "must not be blank"),
                Arguments.of("unknown field", SPEC.replace("{\"name\"", "{\"colour\": \"red\", \"name\""),
                        "colour", "is not a field of a product spec; known fields: accuracy_target"),
                Arguments.of("unknown threshold", SPEC.replace("\"medium\": 0.7", "\"medium\": 0.7, \"low\": 0.2"),
                        "thresholds.low", "is not a field of thresholds; known fields: fallback, high"),
                Arguments.of("string for a number", SPEC.replace("\"max_latency_seconds\": 5",
                        "\"max_latency_seconds\": \"5\""), "max_latency_seconds", "expected a number"),
                Arguments.of("fraction for a count", SPEC.replace("\"daily_requests_estimate\": 500",
                        "\"daily_requests_estimate\": 500.5"), "daily_requests_estimate", "expected a whole number"),
                Arguments.of("string for a flag", SPEC.replace("\"requires_citations\": true",
                        "\"requires_citations\": \"yes\""), "requires_citations", "expected true or false"),
                Arguments.of("model that is no alias", SPEC.replace("{\"name\"", "{\"model\": \"gpt-9\", \"name\""),
                        "model", "'gpt-9' is not a model alias"),
                Arguments.of("verifier that does not exist", SPEC.replace("{\"name\"",
                        "{\"verifiers\": [\"oracle\"], \"name\""), "verifiers[0]",
                        "'oracle' is not a verifier; known: entailment, judge; leave it out of verifiers"),
                Arguments.of("verifier listed twice", SPEC.replace("{\"name\"",
                        "{\"verifiers\": [\"judge\", \"judge\"], \"name\""), "verifiers[1]",
                        "'judge' is listed twice"),
                Arguments.of("prompt gate above 100 points", SPEC.replace("{\"name\"",
                        "{\"prompt_gate\": {\"handoff_rate_rise_points\": 100.5}, \"name\""),
                        "prompt_gate.handoff_rate_rise_points", "percentage points between 0 and 100"),
                Arguments.of("negative prompt gate", SPEC.replace("{\"name\"",
                        "{\"prompt_gate\": {\"citation_hit_rate_drop_points\": -1}, \"name\""),
                        "prompt_gate.citation_hit_rate_drop_points", "percentage points between 0 and 100"),
                Arguments.of("unknown prompt gate field", SPEC.replace("{\"name\"",
                        "{\"prompt_gate\": {\"citation_points\": 3}, \"name\""), "prompt_gate.citation_points",
                        "is not a field of prompt_gate; known fields: citation_hit_rate_drop_points"),
                Arguments.of("string for prompt gate points", SPEC.replace("{\"name\"",
                        "{\"prompt_gate\": {\"unsupported_share_rise_points\": \"2\"}, \"name\""),
                        "prompt_gate.unsupported_share_rise_points", "expected a number"),
                Arguments.of("id in the body differs", SPEC.replace("{\"name\"", "{\"id\": \"other\", \"name\""),
                        "id", "must be the id in the path"),
                Arguments.of("malformed JSON", SPEC.substring(0, 60), null, "not valid JSON (line"),
                Arguments.of("trailing garbage", SPEC + " }", null, "not valid JSON"),
                Arguments.of("not an object", "[1, 2]", null, "must be a JSON object"),
                Arguments.of("empty body", "", null, "The body is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void badSpecsGetA400ProblemNamingTheFieldAndWhatItAccepts(String name, String body, String field,
            String message) {
        var response = given().contentType("application/json").body(body).put("/v1/products/" + name.replace(' ',
                '-')).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(message))
                .body(not(containsString("Exception")))
                .body(not(containsString("io.confidencegateway")));
        if (field == null) {
            response.body("$", not(hasKey("errors")));
        } else {
            response.body("errors[0].field", equalTo(field)).body("errors[0].message", containsString(message));
        }
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        String body = SPEC.replace("0.8,", "1.5,").replace("\"max_latency_seconds\": 5", "\"max_latency_seconds\": 0");

        given().contentType("application/json").body(body).put("/v1/products/two-errors").then().statusCode(400)
                .body("errors.field", hasItems("accuracy_target", "max_latency_seconds"));
    }

    @Test
    void anIdThatIsNotALowercaseSlugIsA400() {
        given().contentType("application/json").body(SPEC).put("/v1/products/Bad_Id").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].message", containsString("lowercase slug"));
        given().contentType("application/json").body(SPEC).put("/v1/products/-leading-dash").then()
                .statusCode(400).body("errors[0].field", equalTo("id"));
        given().contentType("application/json").body(SPEC).put("/v1/products/" + "a".repeat(64)).then()
                .statusCode(400).body("errors[0].field", equalTo("id"));
    }
}
