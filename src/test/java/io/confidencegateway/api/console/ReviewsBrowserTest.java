package io.confidencegateway.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The review queue in two browsers: one reviewer wins the claim, the other is told who has it. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ReviewsBrowserTest extends BrowserTestBase {

    /** A draft the demo product sends to review; returns the review item's id. */
    private static String queuedDraft() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);
        String answerId = given().contentType("application/json").body(Map.of("product", "support-copilot",
                "question", "How long is the refund window?")).post("/v1/answers").then().statusCode(200).extract()
                .path("id");
        JsonPath queue = given().get("/v1/reviews?status=pending&product=support-copilot&size=100").then()
                .statusCode(200).extract().jsonPath();
        return queue.getList("items.findAll { it.answer_id == '" + answerId + "' }.id", String.class).get(0);
    }

    private static WebElement open(ChromeDriver driver, String itemId) {
        driver.get(url("/console/reviews?item=" + itemId));
        WebElement item = waiting(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "[data-testid=review-item][data-review-id='" + itemId + "']")));
        item.click();
        waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(testId("claim")));
        return item;
    }

    @Test
    void twoReviewersClaimTheSameItemOneWinsTheOtherIsToldAndTheWinnerApprovesByKeyboard() {
        String itemId = queuedDraft();
        browser.manage().deleteAllCookies();
        viewport(browser, 1280, 800);
        signIn(browser, ConsoleHttp.createKey("Ana (reviews)", "agent").path("key").asText());
        ChromeDriver second = newBrowser();
        signIn(second, ConsoleHttp.createKey("Ben (reviews)", "agent").path("key").asText());

        WebElement row = open(browser, itemId);
        assertThat(row.getText()).contains("support-copilot").contains("waiting").contains("confidence")
                .contains("pending");
        assertThat(browser.findElement(By.cssSelector(".side-by-side")).getText()).contains("refund_policy.md");
        // "c" claims the selected item.
        new Actions(browser).sendKeys("c").perform();
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-message"),
                "You hold this item until"));
        assertThat(browser.findElement(By.cssSelector("[data-review-id='" + itemId + "']")).getText())
                .contains("claimed by Ana (reviews)").contains("claim expires in");

        open(second, itemId);
        second.findElement(testId("claim")).click();
        String refusal = waiting(second).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#item-message.error"))).getText();
        assertThat(refusal).contains("Ana (reviews)");
        screenshot(second, "console-reviews-claim-refused");
        assertNoConsoleErrors(second, "status of 409");

        screenshot(browser, "console-reviews");
        new Actions(browser).sendKeys("a").perform();
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-message"),
                "Approved: the draft goes out as it is."));

        JsonPath item = given().get("/v1/reviews/" + itemId).then().statusCode(200).extract().jsonPath();
        assertThat(item.getString("status")).isEqualTo("resolved");
        assertThat(item.getString("action")).isEqualTo("approve");
        assertThat(item.getString("resolved_by")).isEqualTo("Ana (reviews)");
        assertNoConsoleErrors(browser);
    }

    @Test
    void aClaimedItemIsRejectedWithTheButtonAndTheQueueFitsAPhone() {
        String itemId = queuedDraft();
        browser.manage().deleteAllCookies();
        viewport(browser, 390, 844);
        signIn(browser, ConsoleHttp.createKey("Cleo (reviews)", "agent").path("key").asText());

        open(browser, itemId);
        browser.findElement(testId("claim")).click();
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-message"),
                "You hold this item until"));
        browser.findElement(testId("reject")).click();
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-message"),
                "Rejected: the draft will not be used."));

        Long overflow = (Long) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0L);
        screenshot(browser, "console-reviews-phone");
        assertThat(given().get("/v1/reviews/" + itemId).then().statusCode(200).extract().jsonPath()
                .getString("action")).isEqualTo("reject");
        assertNoConsoleErrors(browser);
    }
}
