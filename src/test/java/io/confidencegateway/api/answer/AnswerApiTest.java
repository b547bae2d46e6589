package io.confidencegateway.api.answer;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The native answer of the demo product, with its model stubbed over real HTTP. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class AnswerApiTest {

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
    }

    private static Response ask(String question) {
        return given().contentType("application/json")
                .body(Map.of("product", "support-copilot", "question", question, "user_id", "agent-7"))
                .post("/v1/answers");
    }

    private static String upstreamBody() {
        var requests = OpenAiUpstreamStub.server().findAll(postRequestedFor(urlPathEqualTo(OpenAiUpstreamStub.PATH)));
        assertThat(requests).isNotEmpty();
        return requests.get(0).getBodyAsString();
    }

    @Test
    void aGroundedAnswerComesBackCitedScoredAndStoredExactlyAsServed() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 900, 20);

        Response response = ask("How long is the refund window?");

        response.then().statusCode(200);
        JsonPath answer = response.jsonPath();
        String id = answer.getString("id");
        assertThat(response.header("X-Inference-Id")).isEqualTo(id);
        assertThat(answer.getString("product")).isEqualTo("support-copilot");
        assertThat(answer.getString("summary")).isEqualTo("You can request a full refund within 30 days of purchase.");
        assertThat(answer.getString("citations[0].source")).isEqualTo("refund_policy.md");
        assertThat(answer.getString("citations[0].text")).contains("30 days");
        assertThat(answer.getDouble("confidence")).isBetween(0.0, 1.0);
        assertThat(answer.getString("confidence_label")).endsWith("_confidence");
        assertThat(answer.getBoolean("requires_human_review")).as("the spec requires review").isTrue();
        assertThat(answer.getList("signals.name")).contains("claim_support", "citations", "facts");
        assertThat(answer.getString("defenses.grounding")).contains("passages retrieved");
        assertThat(answer.getString("ux.border_color")).startsWith("#");
        assertThat(answer.getString("provider")).isEqualTo("openai");
        assertThat(answer.getString("model")).isEqualTo("gpt-4o");
        assertThat(answer.getInt("usage.prompt_tokens")).isEqualTo(900);
        assertThat(answer.getDouble("usage.cost_usd")).isGreaterThan(0.0);
        assertThat(upstreamBody()).contains("<passage id=\\\"1\\\" source=\\\"refund_policy.md\\\"")
                .contains("How long is the refund window?");

        String stored = given().accept("application/json").get("/v1/answers/" + id).then().statusCode(200)
                .extract().asString();
        assertThat(stored).isEqualTo(response.asString());
        given().accept("text/html").get("/v1/answers/" + id).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString(answer.getString("ux.border_color")))
                .body(containsString("id=\"source-1\""))
                .body(containsString("refund_policy.md"));
    }

    @Test
    void personalDataNeverReachesTheProviderAndTheAnswerSaysWhatWasRedacted() {
        OpenAiUpstreamStub.answer("Refunds go back to the original payment method [1].", 500, 10);

        JsonPath answer = ask("I am jane.doe@example.com, card 4111 1111 1111 1111, call +1 415 555 0100. "
                + "Where does my refund go?").then().statusCode(200).extract().jsonPath();

        String sent = upstreamBody();
        assertThat(sent).doesNotContain("jane.doe@example.com").doesNotContain("4111 1111 1111 1111")
                .doesNotContain("415 555 0100").contains("[EMAIL]").contains("[CARD]").contains("[PHONE]");
        assertThat(answer.getMap("redactions")).containsEntry("email", 1).containsEntry("card", 1)
                .containsEntry("phone", 1);
    }

    @Test
    void aCitationMarkerThatPointsAtNoPassageIsReportedNotDropped() {
        OpenAiUpstreamStub.answer("Refunds take 30 days [1]. Fees are always waived [9].", 500, 10);

        JsonPath answer = ask("How long is the refund window?").then().statusCode(200).extract().jsonPath();

        assertThat(answer.getList("citation_issues.marker")).containsExactly("[9]");
        assertThat(answer.getInt("citation_issues[0].sentence_index")).isEqualTo(1);
        assertThat(answer.getList("review_reasons", String.class)).anyMatch(r -> r.contains("citation"));
    }

    @Test
    void whenTheModelFailsTheExtractiveProviderAnswersFromPageTwoOfThePdf() {
        OpenAiUpstreamStub.error(500, "down", Map.of());

        JsonPath answer = ask("How long is an account locked after too many failed sign-in attempts?").then()
                .statusCode(200).extract().jsonPath();

        assertThat(answer.getString("provider")).isEqualTo("extractive");
        assertThat(answer.getString("content")).contains("30 minutes");
        assertThat(answer.getString("citations[0].source")).isEqualTo("account_security.pdf");
        assertThat(answer.getInt("citations[0].page")).isEqualTo(2);
    }

    @Test
    void badQuestionsGetProblemsThatSayWhatToFix() {
        given().contentType("application/json").body(Map.of("product", "nope", "question", "Hi?"))
                .post("/v1/answers").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("nope"));
        given().contentType("application/json").body(Map.of("product", "support-copilot", "question", " "))
                .post("/v1/answers").then().statusCode(400).body("errors[0].field", equalTo("question"));
        given().contentType("application/json").body(Map.of("product", "support-copilot", "question",
                "x".repeat(5000))).post("/v1/answers").then().statusCode(400)
                .body("detail", containsString("gateway.answers.max-question-chars"));
        given().contentType("application/json").body(Map.of("question", "Hi?")).post("/v1/answers").then()
                .statusCode(400).body("errors[0].field", equalTo("product"));
        given().contentType("application/json").body(Map.of("product", "support-copilot", "messages",
                List.of(Map.of("role", "assistant", "content", "Hello")))).post("/v1/answers").then()
                .statusCode(400).body("errors[0].field", equalTo("messages"));
        // Earlier turns are checked too: a malformed turn must not reach the model and end as a hand-off ticket.
        given().contentType("application/json").body(Map.of("product", "support-copilot", "messages",
                List.of(Map.of("role", "bogus", "content", "x"), Map.of("role", "user", "content", "Hi?"))))
                .post("/v1/answers").then().statusCode(400).body("errors[0].field", equalTo("messages[0].role"));
        given().contentType("application/json").body(Map.of("product", "support-copilot", "messages",
                List.of(Map.of("role", "tool", "content", "42", "tool_call_id", "c"), Map.of("role", "user",
                        "content", "Hi?")))).post("/v1/answers").then().statusCode(400)
                .body("detail", containsString("system, user or assistant"));
        given().contentType("application/json").body("{\"product\": \"support-copilot\", \"question\": 3,")
                .post("/v1/answers").then().statusCode(400).contentType("application/problem+json");
    }
}
