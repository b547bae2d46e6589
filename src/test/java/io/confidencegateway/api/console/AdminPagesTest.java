package io.confidencegateway.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The admin pages over plain HTTP (the default test key is an admin's): what they render and what they load. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class AdminPagesTest {

    private static final Pattern BADGE = Pattern.compile(
            "data-testid=\"health-badge\" data-metric=\"([a-z_]+)\" data-status=\"([A-Z_]+)\"");

    @BeforeEach
    void ready() {
        DemoKnowledgeReady.await();
    }

    @Test
    void theDashboardsBadgesAreTheMetricsApisHealthCheckAndItsChartsCoverEveryLayeredMetric() {
        String page = given().accept("text/html").get("/console/dashboard?product=support-copilot").then()
                .statusCode(200).contentType("text/html").extract().asString();
        JsonPath api = given().get("/v1/products/support-copilot/metrics").then().statusCode(200).extract().jsonPath();

        Map<String, String> badges = new LinkedHashMap<>();
        Matcher matcher = BADGE.matcher(page);
        while (matcher.find()) {
            badges.put(matcher.group(1), matcher.group(2));
        }
        assertThat(badges).containsOnlyKeys("accuracy", "hallucination", "csat", "adoption", "deflection");
        badges.forEach((metric, status) -> assertThat(status).as(metric)
                .isEqualTo(api.getString("health_check." + metric)));
        for (String metric : new String[] {"accuracy", "hallucination_rate", "latency_p95", "csat", "adoption_rate",
                "edit_rate", "resolution_rate", "deflection_rate", "cost_per_resolution", "confidence_histogram",
                "reliability"}) {
            assertThat(page).contains("data-testid=\"metric-chart\" data-metric=\"" + metric + "\"");
        }
        // Chart data is JSON in an attribute, escaped like any text.
        assertThat(page).contains("data-series=\"{&quot;metric&quot;:&quot;accuracy&quot;")
                .contains("data-testid=\"weekly-report\"", "data-testid=\"queue-depth\"", "data-provider=\"extractive\"")
                .contains("<option value=\"support-copilot\" selected>");
    }

    @Test
    void theChartLibraryIsServedFromTheJarNotACdn() {
        String page = given().accept("text/html").get("/console/dashboard").then().statusCode(200).extract()
                .asString();
        assertThat(page).contains("<script src=\"/webjars/uplot/1.6.30/dist/uPlot.iife.min.js\"></script>")
                .doesNotContain("https://");
        String script = given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200)
                .extract().asString();
        assertThat(script).contains("uPlot");
        given().get("/webjars/uplot/1.6.30/dist/uPlot.min.css").then().statusCode(200);
        given().get("/console/assets/dashboard.js").then().statusCode(200);
        given().get("/console/assets/knowledge.js").then().statusCode(200);
    }

    @Test
    void theKnowledgePageOffersTheUploadForTheChosenProduct() {
        String page = given().accept("text/html").get("/console/knowledge?product=support-copilot").then()
                .statusCode(200).contentType("text/html").extract().asString();
        assertThat(page).contains("data-product=\"support-copilot\"", "type=\"file\" data-testid=\"upload\"",
                "<option value=\"support-copilot\" selected>", "/console/assets/knowledge.js");
    }

    @Test
    void anUnknownProductFallsBackToTheFirstProductInsteadOfFailing() {
        String page = given().accept("text/html").get("/console/dashboard?product=no-such-product").then()
                .statusCode(200).extract().asString();
        assertThat(page).contains("data-testid=\"health-badge\"").doesNotContain("no-such-product");
    }
}
