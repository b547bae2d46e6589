package io.confidencegateway.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.confidencegateway.answer.AnswerPrompt;
import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The Ask view in a real browser: the draft as a card, its citations, the reply and the verdict. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class AskBrowserTest extends BrowserTestBase {

    /** The border each label wears (UxTreatment), as the browser computes it. */
    private static final Map<String, String> BORDERS = Map.of(
            "high_confidence", "rgb(39, 174, 96)",
            "medium_confidence", "rgb(243, 156, 18)",
            "low_confidence", "rgb(233, 69, 96)");
    private static final Map<String, String> LABEL_WORDS = Map.of(
            "high_confidence", "High confidence",
            "medium_confidence", "Medium confidence: check before sending",
            "low_confidence", "Low confidence: verify before using");

    @BeforeEach
    void signedInAsAnAgent() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
        browser.manage().deleteAllCookies();
        viewport(browser, 1280, 800);
        signIn(browser, ConsoleHttp.createKey("Ana (ask)", "agent").path("key").asText());
    }

    private WebElement ask(String question) {
        new Select(browser.findElement(testId("product"))).selectByValue("support-copilot");
        browser.findElement(testId("question")).sendKeys(question);
        browser.findElement(testId("ask")).click();
        return visible(browser, "answer-card");
    }

    @Test
    void aDraftShowsAsACardInItsLabelsColourWithCitationsThatOpenTheirPassage() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);

        WebElement card = ask("How long is the refund window?");

        String label = card.getAttribute("data-confidence-label");
        assertThat(BORDERS).containsKey(label);
        assertThat(card.getCssValue("border-top-color")).isEqualTo(BORDERS.get(label).replace("rgb(", "rgba(")
                .replace(")", ", 1)"));
        assertThat(card.findElement(By.cssSelector(".label")).getText()).isEqualTo(LABEL_WORDS.get(label));
        assertThat(Double.parseDouble(card.getAttribute("data-confidence"))).isBetween(0.0, 1.0);
        assertThat(card.findElement(testId("summary")).getText()).isNotBlank();
        // The icon is inline SVG, not a glyph.
        assertThat(card.findElements(By.cssSelector(".card-head svg use"))).hasSize(1);
        assertThat(card.findElement(testId("citation-passage")).isDisplayed()).isFalse();

        card.findElement(By.cssSelector("[data-testid=details] > summary")).click();
        WebElement citation = card.findElement(By.cssSelector("[data-testid=citation][data-index='1']"));
        citation.click();

        WebElement passage = visible(browser, "citation-passage");
        assertThat(passage.findElement(By.tagName("h3")).getText()).startsWith("[1] refund_policy.md");
        assertThat(passage.findElement(By.tagName("mark")).getText()).isNotBlank();
        assertThat(card.findElement(By.cssSelector("dl.defenses")).getText()).contains("Grounding", "Validation",
                "Confidence", "Human review");
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -8);", card);
        screenshot(browser, "console-ask");
        assertNoConsoleErrors(browser);
    }

    @Test
    void anEditedReplySentIsRecordedAsFeedbackWithItsEditRatio() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);
        WebElement card = ask("How long is the refund window?");
        String answerId = card.getAttribute("data-answer-id");
        String edited = "Hi! You can ask for a full refund within 30 days of buying, no questions asked.";

        WebElement draft = card.findElement(testId("draft"));
        draft.clear();
        draft.sendKeys(edited);
        card.findElement(testId("send")).click();

        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".compose .status"),
                "Sent: your reply is recorded"));
        JsonPath feedback = given().get("/v1/answers/" + answerId + "/feedback").then().statusCode(200).extract()
                .jsonPath();
        assertThat(feedback.getString("[0].final_text")).isEqualTo(edited);
        assertThat(feedback.getDouble("[0].edit_ratio")).isGreaterThan(0.0);
        assertThat(feedback.getString("[0].user_id")).isEqualTo("Ana (ask)");
        assertNoConsoleErrors(browser);
    }

    @Test
    void thumbsUpAndThumbsDownWithAReasonAreRecorded() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);
        WebElement card = ask("How long is the refund window?");
        String answerId = card.getAttribute("data-answer-id");

        card.findElement(testId("thumbs-up")).click();
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rate .status"),
                "recorded as a good draft"));
        card.findElement(testId("thumbs-down")).click();
        card.findElement(By.cssSelector("input[name=down-reason][value=outdated]")).click();
        card.findElement(testId("thumbs-down-submit")).click();
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rate .status"),
                "recorded as a bad draft (outdated)"));

        JsonPath feedback = given().get("/v1/answers/" + answerId + "/feedback").then().statusCode(200).extract()
                .jsonPath();
        assertThat(feedback.getList("rating", String.class)).containsExactly("up", "down");
        assertThat(feedback.getString("[1].comment")).isEqualTo("reason: outdated");
        assertNoConsoleErrors(browser);
    }

    @Test
    void aHandOffSaysSoWithTheTicketItsQueuePositionAndTheCustomersMessage() {
        OpenAiUpstreamStub.answer(AnswerPrompt.NO_ANSWER, 800, 15);

        WebElement card = ask("Do you sell gift cards for the Mars office?");

        JsonPath answer = given().accept("application/json").get("/v1/answers/" + card.getAttribute("data-answer-id"))
                .then().statusCode(200).extract().jsonPath();
        WebElement handoff = visible(browser, "handoff");
        assertThat(handoff.getText()).contains("The gateway handed this question to a person.")
                .contains("Ticket " + answer.getString("handoff.id"))
                .contains("position " + answer.getInt("handoff.queue_position") + " in the queue");
        assertThat(handoff.findElement(By.tagName("textarea")).getAttribute("value"))
                .isEqualTo(answer.getString("handoff.message"));
        assertThat(card.findElement(By.cssSelector(".label")).getText()).isEqualTo("Handed off to a person");
        // Said once: not again as the summary, and no draft to send.
        assertThat(card.findElement(testId("summary")).getText())
                .isEqualTo("No draft to send: a person will answer this question.");
        assertThat(card.findElements(testId("send"))).isEmpty();
        screenshot(browser, "console-handoff");
        assertNoConsoleErrors(browser);
    }

    @Test
    void theViewWorksFromTheKeyboardWithAVisibleFocusAndFitsAPhone() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);
        viewport(browser, 390, 844);
        browser.navigate().refresh();

        WebElement question = browser.findElement(testId("question"));
        question.sendKeys("How long is the refund window?");
        question.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement card = visible(browser, "answer-card");
        card.findElement(testId("thumbs-up"));
        // Tab from the message box lands on the ask button, which shows a focus ring.
        question.sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("data-testid")).isEqualTo("ask");
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        Long overflow = (Long) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0L);
        screenshot(browser, "console-ask-phone");
        assertThat(List.of(card.getAttribute("data-answer-id"))).allMatch(id -> !id.isBlank());
        assertNoConsoleErrors(browser);
    }

    @Test
    void theAskAndReviewViewsLoadWithin300MillisecondsAfterWarmUp() {
        for (String view : List.of("/console", "/console/reviews")) {
            for (int warmUp = 0; warmUp < 5; warmUp++) {
                browser.get(url(view));
            }
            browser.get(url(view));
            Number loaded = (Number) browser.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                    + " return n.loadEventEnd - n.startTime;");
            System.out.printf("console view %s loaded in %.0f ms%n", view, loaded.doubleValue());
            assertThat(loaded.doubleValue()).as(view + " load time (ms)").isLessThanOrEqualTo(300.0);
        }
        assertNoConsoleErrors(browser);
    }
}
