package io.confidencegateway.api.answer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.answer.AnswerPrompt;
import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Answers that need a person reach the review queue; those that cannot be offered are handed off. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class HandoffTest {

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
    }

    private static JsonPath ask(String product, String question) {
        return given().contentType("application/json").body(Map.of("product", product, "question", question))
                .post("/v1/answers").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath reviewOf(String answerId) {
        JsonPath queue = given().get("/v1/reviews?product=support-copilot&size=100").then().statusCode(200)
                .extract().jsonPath();
        int total = queue.getList("items").size();
        for (int i = 0; i < total; i++) {
            if (answerId.equals(queue.getString("items[" + i + "].answer_id"))) {
                return given().get("/v1/reviews/" + queue.getString("items[" + i + "].id")).then().statusCode(200)
                        .extract().jsonPath();
            }
        }
        throw new AssertionError("answer " + answerId + " is not in the review queue");
    }

    @Test
    void aDraftTheProductWantsReviewedWaitsInTheQueueWithItsDraftAndPassages() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);

        JsonPath answer = ask("support-copilot", "How long is the refund window?");

        assertThat(answer.getBoolean("requires_human_review")).isTrue();
        assertThat(answer.getString("handoff")).isNull();
        JsonPath item = reviewOf(answer.getString("id"));
        assertThat(item.getString("kind")).isEqualTo("review");
        assertThat(item.getString("draft")).contains("30 days");
        assertThat(item.getList("passages.source")).contains("refund_policy.md");
        assertThat(item.getList("signals.name")).isNotEmpty();
    }

    @Test
    void whenTheKnowledgeBaseHasNoAnswerTheCustomerGetsAPoliteHandOffAndATicket() {
        OpenAiUpstreamStub.answer(AnswerPrompt.NO_ANSWER, 800, 15);

        JsonPath answer = ask("support-copilot", "Do you sell gift cards for the Mars office?");

        assertThat(answer.getString("handoff.reason")).isEqualTo("no_answer");
        assertThat(answer.getString("handoff.id")).isNotBlank();
        assertThat(answer.getInt("handoff.queue_position")).isPositive();
        assertThat(answer.getString("content")).isEqualTo(answer.getString("handoff.message"))
                .contains("Thanks for your patience").contains(answer.getString("handoff.id"));
        assertThat(answer.getList("citations")).isEmpty();
        assertThat(answer.getList("suggested_actions", String.class)).contains("Escalate");
        // Whatever the refusal draft scored, a hand-off never shows the green tick of a trusted answer.
        assertThat(answer.getString("ux.icon")).isEqualTo("support_agent");
        assertThat(answer.getString("ux.disclaimer")).contains("Handed off to a person");
        JsonPath item = reviewOf(answer.getString("id"));
        assertThat(item.getString("kind")).isEqualTo("handoff");
        assertThat(item.getString("id")).isEqualTo(answer.getString("handoff.id"));
        assertThat(item.getString("question")).contains("gift cards");
    }

    @Test
    void whenTheLatencyBudgetRunsOutTheQuestionIsHandedOffInsteadOfWaiting() {
        given().contentType("application/json").body("""
                {"name": "Impatient", "max_latency_seconds": 0.8, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": false, "human_review_required": false,
                 "accuracy_target": 0.8, "pii_handling": "none", "model": "gpt-4o-mini"}""")
                .put("/v1/products/impatient").then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        OpenAiUpstreamStub.slow(2_500);

        long started = System.nanoTime();
        JsonPath answer = ask("impatient", "How long is the refund window?");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.getString("handoff.reason")).isEqualTo("latency_budget");
        assertThat(answer.getList("review_reasons", String.class).get(0)).contains("latency budget of 800 ms");
        assertThat(tookMillis).as("the caller was not kept waiting for the slow model").isLessThan(2_500);
        // The model call behind the answer is on record under the answer's id, stopped by the budget.
        JsonPath call = given().get("/v1/inferences/" + answer.getString("id")).then().statusCode(200).extract()
                .jsonPath();
        assertThat(call.getString("status")).isEqualTo("cancelled");
        assertThat(call.getString("error_kind")).isEqualTo("latency_budget");
        assertThat(call.getInt("http_status")).isEqualTo(504);
    }

    @Test
    void aProductThatPrefersBestEffortGetsTheExtractedAnswerMarkedForReview() {
        given().contentType("application/json").body("""
                {"name": "Hurried", "max_latency_seconds": 0.8, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.8, "pii_handling": "none", "model": "gpt-4o-mini",
                 "on_latency_budget": "best_effort"}""")
                .put("/v1/products/hurried").then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        io.confidencegateway.testing.TestDocuments.uploadAndWait("hurried", "refunds.md", """
                # Refund window

                You can request a full refund within 30 days of purchase.""".getBytes(), "text/markdown");
        OpenAiUpstreamStub.slow(2_500);

        JsonPath answer = ask("hurried", "How long is the refund window?");

        assertThat(answer.getString("handoff")).isNull();
        assertThat(answer.getString("provider")).isEqualTo("extractive");
        assertThat(answer.getString("content")).contains("30 days");
        assertThat(answer.getBoolean("requires_human_review")).isTrue();
        assertThat(answer.getList("review_reasons", String.class).get(0)).contains("latency budget")
                .contains("extracted from the knowledge base");
    }
}
