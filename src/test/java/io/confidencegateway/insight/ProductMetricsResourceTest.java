package io.confidencegateway.insight;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.feedback.ReviewVerdicts;
import io.confidencegateway.review.ReviewResolved;
import io.confidencegateway.store.Database;
import io.confidencegateway.testing.AnswerRows;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A product with ten answers in 2026-W40 and two in W39, feedback given over HTTP and by review verdicts; every
 * metric, the health check, the reliability table and the weekly report are checked against hand-worked values
 * (the same seed as {@code ProductMetricsCalculatorTest}).
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ProductMetricsResourceTest {

    static final String WEEK = "from=2026-09-28&to=2026-10-04";
    private static final Instant W40 = Instant.parse("2026-09-30T10:00:00Z");
    private static final Instant W39 = Instant.parse("2026-09-23T10:00:00Z");
    private static final String TWENTY_WORDS = "Please restart the app then sign in again and open settings to "
            + "check that sync is on before you try once more";

    private static String product;

    @Inject
    Database database;

    @Inject
    ReviewVerdicts verdicts;

    @BeforeEach
    void seedOnce() {
        if (product != null) {
            return;
        }
        product = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body("""
                {"name": "Metrics test", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "medium", "accuracy_target": 0.85, "pii_handling": "none",
                 "eligible_users": 10}""").put("/v1/products/" + product).then().statusCode(201);

        UUID a1 = answer("u1", 0.95, "deliver", 100, 0.01, W40);
        feedback(a1, "{\"rating\": \"up\", \"resolved\": true, \"csat\": 5}");
        UUID a2 = answer("u1", 0.92, "deliver", 200, 0.01, W40);
        feedback(a2, "{\"rating\": \"up\", \"resolved\": true, \"escalated\": false}");
        feedback(a2, "{\"rating\": \"down\"}");
        UUID a3 = answer("u2", 0.85, "deliver", 300, 0.01, W40);
        feedback(a3, "{\"rating\": \"up\"}");
        feedback(a3, "{\"hallucination\": true, \"escalated\": true}");
        UUID a4 = answer("u2", 0.75, "review", 400, 0.02, W40, "one two three four");
        review(a4, "approve", null);
        feedback(a4, "{\"final_text\": \"one two five six\"}");
        UUID a5 = answer("u3", 0.65, "review", 500, 0.02, W40);
        review(a5, "reject", null);
        feedback(a5, "{\"csat\": 2}");
        UUID a6 = answer("u3", 0.55, "hand_off", 600, null, W40);
        feedback(a6, "{\"escalated\": true}");
        UUID a7 = answer("u4", 0.45, "deliver", 700, 0.01, W40, TWENTY_WORDS);
        feedback(a7, "{\"final_text\": \"" + TWENTY_WORDS.replace("once more", "once again")
                + "\", \"resolved\": true, \"csat\": 4}");
        UUID a8 = answer(null, 0.35, "deliver", 800, 0.01, W40);
        feedback(a8, "{\"hallucination\": false}");
        answer("u5", 0.25, "deliver", 900, 0.01, W40);
        answer("u5", 0.15, "deliver", 1000, 0.01, W40);

        UUID b1 = answer("u1", 0.9, "deliver", 100, 0.02, W39);
        feedback(b1, "{\"rating\": \"up\", \"resolved\": true, \"csat\": 4}");
        UUID b2 = answer("u2", 0.9, "deliver", 100, 0.02, W39);
        feedback(b2, "{\"rating\": \"up\", \"resolved\": true}");
    }

    @Test
    void everyMetricOfTheSeededWeekHasItsValueAndSampleSize() {
        JsonPath m = given().get("/v1/products/" + product + "/metrics?" + WEEK).then().statusCode(200)
                .body("product", equalTo(product)).body("from", equalTo("2026-09-28")).body("to", equalTo("2026-10-04"))
                .body("answers", equalTo(10)).extract().jsonPath();
        assertMetric(m, "model_quality.accuracy", 0.4, 5);
        assertMetric(m, "model_quality.hallucination_rate", 1.0 / 6, 6);
        assertMetric(m, "model_quality.latency_p95", 1000, 10);
        assertMetric(m, "product_usage.csat", 11.0 / 3, 3);
        assertMetric(m, "product_usage.adoption_rate", 0.5, 5);
        assertMetric(m, "product_usage.edit_rate", 0.5, 2);
        assertMetric(m, "business_impact.resolution_rate", 0.6, 5);
        assertMetric(m, "business_impact.deflection_rate", 0.6, 10);
        assertMetric(m, "business_impact.cost_per_resolution", 0.11 / 3, 3);
    }

    @Test
    void theHealthCheckFailsHardTargetsAndWarnsOnSoftOnes() {
        given().get("/v1/products/" + product + "/metrics?" + WEEK).then().statusCode(200)
                .body("health_check.accuracy", equalTo("FAIL"))
                .body("health_check.hallucination", equalTo("FAIL"))
                .body("health_check.csat", equalTo("WARN"))
                .body("health_check.adoption", equalTo("WARN"))
                .body("health_check.deflection", equalTo("PASS"))
                .body("targets.accuracy", equalTo(0.85f));
    }

    @Test
    void aPeriodWithoutAnswersIsNullWithNoDataNotZero() {
        given().get("/v1/products/" + product + "/metrics?from=2026-01-05&to=2026-01-11").then().statusCode(200)
                .body("answers", equalTo(0))
                .body("model_quality.accuracy.value", nullValue())
                .body("model_quality.accuracy.sample_size", equalTo(0))
                .body("model_quality.latency_p95.value", nullValue())
                .body("product_usage.csat.value", nullValue())
                .body("product_usage.adoption_rate.value", nullValue())
                .body("business_impact.deflection_rate.value", nullValue())
                .body("business_impact.cost_per_resolution.value", nullValue())
                .body("health_check.accuracy", equalTo("NO_DATA"))
                .body("health_check.deflection", equalTo("NO_DATA"));
    }

    @Test
    void badPeriodsAre400AndUnknownProductsAre404() {
        given().get("/v1/products/" + product + "/metrics?from=2026-10-04&to=2026-09-28").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        given().get("/v1/products/" + product + "/metrics?from=yesterday").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        given().get("/v1/products/" + product + "/metrics?to=2026-13-01").then().statusCode(400)
                .body("errors.field", hasItem("to"));
        given().get("/v1/products/no-such-product/metrics").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/products/no-such-product/calibration").then().statusCode(404);
        given().get("/v1/products/no-such-product/reports/weekly").then().statusCode(404);
    }

    @Test
    void theReliabilityTableShowsObservedAccuracyPerConfidenceBucket() {
        JsonPath c = given().get("/v1/products/" + product + "/calibration?" + WEEK).then().statusCode(200)
                .body("reliability.buckets.size()", equalTo(10))
                .body("reliability.answers", equalTo(10))
                .body("reliability.judged", equalTo(5))
                .body("reliability.buckets[9].count", equalTo(2))
                .body("reliability.buckets[9].judged", equalTo(2))
                .body("reliability.buckets[9].correct", equalTo(1))
                .body("reliability.buckets[9].accuracy", equalTo(0.5f))
                .body("reliability.buckets[8].accuracy", equalTo(0.0f))
                .body("reliability.buckets[1].accuracy", nullValue())
                .extract().jsonPath();
        // |0.5-0.935|*2 + |0-0.85|*1 + |1-0.75|*1 + |0-0.65|*1, over 5 judged answers
        assertThat(c.getDouble("reliability.expected_calibration_error"))
                .isCloseTo((0.87 + 0.85 + 0.25 + 0.65) / 5, within(1e-6));
    }

    @Test
    void theWeeklyReportComesAsMarkdownByDefaultThenHtmlAndJson() throws Exception {
        String md = given().get("/v1/products/" + product + "/reports/weekly?week=2026-W40").then()
                .statusCode(200).contentType(containsString("text/markdown")).extract().asString();
        assertThat(md).startsWith("# Weekly update: " + product + ", 2026-W40")
                .contains("**1/5 metrics on target**", "60% of 10 questions were answered without a human",
                        "$0.04 per resolved issue (3 resolved)", "up $0.02 since last week",
                        "| Resolved without escalation | 60% | 100% | down 40.0 percentage points |",
                        "Add a source verification step", "Change since last week (2026-W39)");

        // Kept for the README's rendered example.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "weekly-report-example.md"), md);

        String html = given().accept("text/html").get("/v1/products/" + product + "/reports/weekly?week=2026-W40")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("<h1>Weekly update: " + product + ", 2026-W40</h1>", "<strong>1/5 metrics on "
                + "target</strong>", "<table>");

        String json = given().accept("application/json")
                .get("/v1/products/" + product + "/reports/weekly?week=2026-W40").then().statusCode(200)
                .contentType(containsString("application/json")).body("status.text", equalTo("1/5 metrics on target"))
                .body("previous_week", equalTo("2026-W39"))
                .body("highlights.find { it.key == 'cost_per_resolution' }.change_text", equalTo("up $0.02"))
                .extract().asString();

        for (String report : new String[] {md, html, json}) {
            io.confidencegateway.testing.BusinessLanguage.assertNoJargon(report);
        }
    }

    @Test
    void answersOfTheFreeExtractiveProviderCostZeroDollarsAndAnswersWithoutUsersLeaveAdoptionUnknown() {
        String free = "free-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body("""
                {"name": "Free", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "accuracy_target": 0.8, "pii_handling": "none", "eligible_users": 50,
                 "model": "extractive"}""").put("/v1/products/" + free).then().statusCode(201);
        String id = given().contentType("application/json")
                .body(java.util.Map.of("product", free, "question", "How long is the refund window?"))
                .post("/v1/answers").then().statusCode(200)
                .body("provider", equalTo("extractive"))
                .body("usage.cost_usd", equalTo(0.0f)).extract().path("id");
        feedback(UUID.fromString(id), "{\"resolved\": true}");

        given().get("/v1/products/" + free + "/metrics").then().statusCode(200)
                .body("business_impact.cost_per_resolution.value", equalTo(0.0f))
                .body("business_impact.cost_per_resolution.sample_size", equalTo(1))
                .body("product_usage.adoption_rate.value", nullValue())
                .body("product_usage.adoption_rate.sample_size", equalTo(0))
                .body("health_check.adoption", equalTo("NO_DATA"));
        String week = io.confidencegateway.report.IsoWeek.of(java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                .toString();
        String md = given().get("/v1/products/" + free + "/reports/weekly?week=" + week).then().statusCode(200)
                .extract().asString();
        assertThat(md).contains("**Cost per resolution:** $0.00 per resolved issue (1 resolved)",
                "**Adoption:** Not measured");
    }

    @Test
    void anEmptyWeeksUpdateSaysThereWasNothingToJudgeInEveryFormat() {
        String url = "/v1/products/" + product + "/reports/weekly?week=2026-W02";
        String md = given().get(url).then().statusCode(200).extract().asString();
        String html = given().accept("text/html").get(url).then().statusCode(200).extract().asString();
        String json = given().accept("application/json").get(url).then().statusCode(200)
                .body("status.text", equalTo("No data this week: no questions were answered"))
                .body("status.measured", equalTo(0))
                .body("actions[0]", containsString("Nothing to judge this week: no questions were answered"))
                .extract().asString();
        for (String report : new String[] {md, html, json}) {
            assertThat(report).contains("No data this week: no questions were answered", "Nothing to judge this week")
                    .doesNotContain("No action needed", "metrics on target");
        }
    }

    @Test
    void aMalformedWeekIs400() {
        given().get("/v1/products/" + product + "/reports/weekly?week=2026-48").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("week"));
    }

    private static void assertMetric(JsonPath m, String path, double value, int sample) {
        assertThat(m.getDouble(path + ".value")).as(path).isCloseTo(value, within(1e-6));
        assertThat(m.getInt(path + ".sample_size")).as(path + " sample").isEqualTo(sample);
    }

    private UUID answer(String user, double confidence, String outcome, long latency, Double cost, Instant at) {
        return answer(user, confidence, outcome, latency, cost, at, "The refund window is 30 days.");
    }

    private UUID answer(String user, double confidence, String outcome, long latency, Double cost, Instant at,
            String draft) {
        return AnswerRows.insert(database, new AnswerRows.Answer(product, user, confidence, outcome, latency, cost,
                draft, at));
    }

    private static void feedback(UUID answer, String body) {
        given().contentType("application/json").body(body).post("/v1/answers/" + answer + "/feedback").then()
                .statusCode(201);
    }

    private void review(UUID answer, String action, String finalText) {
        verdicts.record(new ReviewResolved(UUID.randomUUID(), answer, product, "reviewer-1", action, finalText, null,
                Instant.now())).await().atMost(java.time.Duration.ofSeconds(20));
    }
}
