package io.confidencegateway.api.answer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
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

/**
 * A hand-off offers the customer no AI draft, only the polite message. Once a reviewer answers it, the answer
 * shows the reviewer's reply as written by a person, and the reply is not measured against the hand-off message.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ResolvedHandoffTest {

    private static final String REPLY = "We do not sell gift cards for the Mars office; you can buy them in the web shop.";

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
    }

    private static JsonPath handOff() {
        OpenAiUpstreamStub.answer(AnswerPrompt.NO_ANSWER, 800, 15);
        JsonPath answer = given().contentType("application/json")
                .body(Map.of("product", "support-copilot", "question", "Do you sell gift cards for the Mars office?"))
                .post("/v1/answers").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("handoff.reason")).isEqualTo("no_answer");
        String ticket = answer.getString("handoff.id");
        given().contentType("application/json").body(Map.of("reviewer", "ana"))
                .post("/v1/reviews/" + ticket + "/claim").then().statusCode(200);
        return answer;
    }

    @Test
    void aResolvedHandOffShowsTheReviewersReplyAsWrittenByAPersonAndKeepsTheHandOff() {
        JsonPath asked = handOff();
        String id = asked.getString("id");
        given().contentType("application/json").body(Map.of("reviewer", "ana", "action", "edit", "final_text", REPLY))
                .post("/v1/reviews/" + asked.getString("handoff.id") + "/resolve").then().statusCode(200);

        given().get("/v1/answers/" + id).then().statusCode(200)
                .body("content", equalTo(REPLY))
                .body("requires_human_review", equalTo(false))
                .body("ux.icon", equalTo("person"))
                .body("ux.disclaimer", nullValue())
                .body("resolution.answered_by", equalTo("person"))
                .body("resolution.reviewer", equalTo("ana"))
                .body("resolution.action", equalTo("edit"))
                .body("resolution.text", equalTo(REPLY))
                .body("resolution.note", equalTo("Written by ana of the support team."))
                .body("handoff.id", equalTo(asked.getString("handoff.id")))
                .body("handoff.message", equalTo(asked.getString("handoff.message")));

        String card = given().accept("text/html").get("/v1/answers/" + id).then().statusCode(200)
                .contentType("text/html").extract().asString();
        assertThat(card).contains("Answered by a person", "Written by ana of the support team.",
                "We do not sell gift cards for the Mars office", "Handed off first, with the message")
                .doesNotContain("low confidence");
    }

    @Test
    void aHandOffResolutionIsAPersonsAnswerNotAVerdictOnTheAi() {
        JsonPath asked = handOff();
        String id = asked.getString("id");
        given().contentType("application/json").body(Map.of("reviewer", "ana", "action", "edit", "final_text", REPLY))
                .post("/v1/reviews/" + asked.getString("handoff.id") + "/resolve").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/v1/answers/" + id + "/feedback")
                .then().statusCode(200).body("size()", equalTo(1)));
        given().get("/v1/answers/" + id + "/feedback").then().statusCode(200)
                .body("[0].source", equalTo("handoff"))
                .body("[0].review_action", equalTo("edit"))
                .body("[0].final_text", equalTo(REPLY))
                .body("[0].judged_correct", nullValue())
                .body("[0].edit_ratio", nullValue())
                .body("[0].edited", nullValue());

        // A support tool reporting the sent text on a hand-off is not measured against the hand-off message either.
        given().contentType("application/json").body(Map.of("final_text", REPLY, "resolved", true))
                .post("/v1/answers/" + id + "/feedback").then().statusCode(201)
                .body("edit_ratio", nullValue()).body("edited", nullValue()).body("judged_correct", nullValue());

        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("gateway_feedback_events_total\\{[^}]*kind=\"handoff_edit\"[^}]*\\} [1-9]");

        JsonPath metrics = given().get("/v1/products/support-copilot/metrics").then().statusCode(200).extract()
                .jsonPath();
        assertThat(metrics.getInt("business_impact.handoff_answer_rate.sample_size")).isPositive();
        assertThat(metrics.getDouble("business_impact.handoff_answer_rate.value")).isPositive();
    }

    @Test
    void aHandOffWithoutADraftCannotBeApprovedOnlyAnswered() {
        JsonPath asked = handOff();
        given().contentType("application/json").body(Map.of("reviewer", "ana", "action", "approve"))
                .post("/v1/reviews/" + asked.getString("handoff.id") + "/resolve").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("action"))
                .body("detail", equalTo("action: this hand-off has no draft to approve; answer the customer with "
                        + "action edit and the reply in final_text"));
        given().get("/v1/answers/" + asked.getString("id")).then().statusCode(200)
                .body("content", equalTo(asked.getString("handoff.message")))
                .body("resolution", nullValue());
    }
}
