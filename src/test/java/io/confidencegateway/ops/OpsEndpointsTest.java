package io.confidencegateway.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class OpsEndpointsTest {

    @Test
    void readinessIsUpAndShowsDatabaseAndEachProvider() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("providers"))
                .body("checks.find { it.name == 'providers' }.data.keyless", containsString("disabled"))
                .body("checks.find { it.name == 'providers' }.data.keyless", containsString("api-key"))
                .body("checks.find { it.name == 'providers' }.data.openai", org.hamcrest.Matchers.notNullValue())
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCarryTheGenAiMetersAfterACall() {
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.answer("ok", 7, 2);
        given().contentType("application/json").body("""
                {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}""")
                .post("/v1/chat/completions").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern(
                "gen_ai_client_operation_duration_seconds_count\\{[^}]*model=\"gpt-4o-mini\"[^}]*outcome=\"ok\"[^}]*"
                        + "provider=\"openai\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("gen_ai_client_token_usage_sum\\{[^}]*gen_ai_token_type=\"input\"");
        assertThat(metrics).containsPattern("gateway_requests_total\\{[^}]*api=\"chat_completions\"");
    }

    @Test
    void modelsListEveryAliasWithItsAvailability() {
        given().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.find { it.id == 'gpt-4o-mini' }.owned_by", equalTo("openai"))
                .body("data.find { it.id == 'gpt-4o-mini' }.available", equalTo(true))
                .body("data.find { it.id == 'needs-key' }.available", equalTo(false));
        given().get("/v1/models/gpt-4o-mini").then().statusCode(200).body("id", equalTo("gpt-4o-mini"));
        given().get("/v1/models/nope").then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void openApiDescribesThePublicSurface() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/v1/chat/completions"))
                .body(containsString("/v1/models"))
                .body(containsString("/v1/answers/{id}"));
    }

    @Test
    void errorsOutsideTheOpenAiSurfaceAreProblemJson() {
        given().get("/v1/answers/not-a-uuid").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("UUID"));
        given().get("/v1/answers/0190e0a8-0000-7000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }
}
