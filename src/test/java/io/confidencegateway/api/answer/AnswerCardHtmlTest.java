package io.confidencegateway.api.answer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The card support tools embed ({@code GET /v1/answers/{id}}, {@code Accept: text/html}): the question, the answer's
 * markdown rendered with its markers linked to the passages, everything from the answer escaped, icons drawn as
 * SVG, and a hand-off that says its message once.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class AnswerCardHtmlTest {

    /**
     * A draft the scorer holds back (hand-off on low confidence); a reviewer approves it, so the customer gets it,
     * markup and all, and the card shows it as the answer.
     */
    private static final String HOSTILE = "You can request a full refund within **30 days** of purchase "
            + "<script>alert('x')</script> [1].\n\n- Within the 30-day window <img src=x onerror=alert(1)> [2].\n"
            + "- After the 30-day window [see](javascript:alert(2)), [page](data:text/html;base64,PHNjcmlwdD4=) "
            + "or [box](vbscript:msgbox(5)).";

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
    }

    private static JsonPath ask(String question) {
        return given().contentType("application/json")
                .body(Map.of("product", "support-copilot", "question", question))
                .post("/v1/answers").then().statusCode(200).extract().jsonPath();
    }

    private static String card(String id) {
        return given().accept("text/html").get("/v1/answers/" + id).then().statusCode(200)
                .contentType("text/html").extract().asString();
    }

    private static String words(String label) {
        String words = label.replace("_confidence", " confidence");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static int count(String haystack, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    @Test
    void hostileAnswerAndQuestionAreEscapedWhileTheMarkdownIsRendered() {
        OpenAiUpstreamStub.answer(HOSTILE, 500, 30);
        JsonPath answer = ask("How long is the refund window? <b onmouseover=alert(3)>now</b>");
        String ticket = answer.getString("handoff.id");
        assertThat(answer.getString("handoff.reason")).isEqualTo("low_confidence");
        given().contentType("application/json").body(Map.of("reviewer", "ana"))
                .post("/v1/reviews/" + ticket + "/claim").then().statusCode(200);
        given().contentType("application/json").body(Map.of("reviewer", "ana", "action", "approve"))
                .post("/v1/reviews/" + ticket + "/resolve").then().statusCode(200);

        String html = card(answer.getString("id"));

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("javascript:")
                .doesNotContain("data:text").doesNotContain("vbscript:").doesNotContain("<b onmouseover")
                .contains("&lt;script&gt;alert('x')&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;b onmouseover=alert(3)&gt;now&lt;/b&gt;")
                .contains("<strong>30 days</strong>", "<li>Within the 30-day window")
                .contains("<span class=\"badge\">Answered by a person</span>")
                .contains("Question: <strong>How long is the refund window?");
    }

    @Test
    void theCardShowsReviewReasonsAndSuggestedActionsAndDrawsItsIconAsSvg() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 500, 12);
        JsonPath answer = ask("How long is the refund window?");

        String html = card(answer.getString("id"));

        assertThat(answer.getString("handoff")).isNull();
        assertThat(html).contains("<svg class=\"icon\"").doesNotContain("&#9432;").doesNotContain("\u24d8")
                .doesNotContain("&#10004;").doesNotContain("&#9888;")
                .contains("<h2>Suggested actions</h2>")
                .contains("<li>" + answer.getList("suggested_actions", String.class).get(0) + "</li>")
                .contains("<li>" + answer.getList("review_reasons", String.class).get(0) + "</li>")
                .contains("border:3px solid var(--accent)")
                .contains("--accent:" + answer.getString("ux.border_color"))
                .contains("<a href=\"#source-1\" data-testid=\"citation\" data-index=\"1\"")
                .contains("<li id=\"source-1\" value=\"1\" data-testid=\"citation-passage\"")
                .contains("data-testid=\"answer-card\" data-answer-id=\"" + answer.getString("id") + "\"")
                .contains("data-confidence-label=\"" + answer.getString("confidence_label") + "\"")
                .contains("<span class=\"badge\">" + words(answer.getString("confidence_label")));
    }

    @Test
    void aHandOffCardSaysItsMessageOnceWithTheTicketAndAsksNobodyToVerify() {
        OpenAiUpstreamStub.answer(AnswerPrompt.NO_ANSWER, 800, 15);
        JsonPath answer = ask("Do you sell gift cards for the Mars office?");
        String message = answer.getString("handoff.message");

        String html = card(answer.getString("id"));

        assertThat(count(html, message)).isEqualTo(1);
        assertThat(html).doesNotContain("Please verify").doesNotContain("confidence ·")
                .contains("<span class=\"badge\">Handed off to a person</span>")
                .contains("Reference: <strong>" + answer.getString("handoff.id") + "</strong>");
    }

    @Test
    void aResolvedHandOffCardShowsTheReviewersTextAsTheAnswer() {
        OpenAiUpstreamStub.answer(AnswerPrompt.NO_ANSWER, 800, 15);
        JsonPath answer = ask("Do you sell gift cards for the Mars office?");
        String ticket = answer.getString("handoff.id");
        String reply = "We do not sell **gift cards** for the Mars office; the web shop has them. "
                + "<script>alert('r')</script>";
        given().contentType("application/json").body(Map.of("reviewer", "ana"))
                .post("/v1/reviews/" + ticket + "/claim").then().statusCode(200);
        given().contentType("application/json").body(Map.of("reviewer", "ana", "action", "edit", "final_text", reply))
                .post("/v1/reviews/" + ticket + "/resolve").then().statusCode(200);

        String html = card(answer.getString("id"));

        assertThat(html).contains("<div class=\"content\"><p>We do not sell <strong>gift cards</strong> for the Mars "
                + "office; the web shop has them. &lt;script&gt;alert('r')&lt;/script&gt;</p></div>")
                .doesNotContain("<script>")
                .contains("<span class=\"badge\">Answered by a person</span>", "Written by ana of the support team.")
                .doesNotContain("Please verify").doesNotContain("<h2>Suggested actions</h2>");
        assertThat(count(html, answer.getString("handoff.message"))).isEqualTo(1);
    }
}
