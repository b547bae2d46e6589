package io.confidencegateway.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestProducts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The ops dashboard and the knowledge page in a real browser, as an admin sees them (and an agent does not). */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class DashboardBrowserTest extends BrowserTestBase {

    /** Pixels near the series colour (#0b57d0) on a chart's canvas: more than none means data was drawn. */
    private static final String SERIES_PIXELS = """
            const canvas = arguments[0].querySelector('canvas');
            if (!canvas) return -1;
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let found = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (data[i + 3] > 200 && Math.abs(data[i] - 11) < 40 && Math.abs(data[i + 1] - 87) < 40
                  && Math.abs(data[i + 2] - 208) < 40) found++;
            }
            return found;""";

    @BeforeEach
    void ready() {
        DemoKnowledgeReady.await();
    }

    /** Answers this week with feedback, so that quality, usage and impact all have a value. */
    private static void seedAnswersAndFeedback() {
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 400, 12);
        for (int i = 0; i < 4; i++) {
            String id = given().contentType("application/json").body(Map.of("product", "support-copilot",
                    "question", "How long is the refund window?", "user_id", "dash-agent-" + i))
                    .post("/v1/answers").then().statusCode(200).extract().path("id");
            given().contentType("application/json").body(Map.of("rating", i == 3 ? "down" : "up", "csat", 4 + i % 2,
                    "resolved", i != 3, "final_text", "You can request a full refund within 30 days of purchase."))
                    .post("/v1/answers/" + id + "/feedback").then().statusCode(201);
        }
    }

    private static ChromeDriver signedInAdmin() {
        String key = ConsoleHttp.createKey("Lead (dashboard)", "admin").path("key").asText();
        browser.manage().deleteAllCookies();
        resize(browser, 1280, 800);
        signIn(browser, key);
        return browser;
    }

    /**
     * Gives the page a viewport of this size through the DevTools protocol, which applies at once (a window resize in
     * headless Chromium is asynchronous and bounded by the virtual screen).
     */
    private static void resize(ChromeDriver driver, int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** The whole page as one picture: the window made as tall as the page, then put back. */
    private static void fullPage(ChromeDriver driver, String name, int width, int height) {
        long tall = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        resize(driver, width, (int) Math.min(tall, 8000));
        screenshot(driver, name);
        resize(driver, width, height);
    }

    /** What sticks out of the window's width (the page scrolls sideways), empty when the page fits. */
    @SuppressWarnings("unchecked")
    private static List<Object> wider(ChromeDriver driver) {
        return (List<Object>) driver.executeScript(String.join("\n",
                "const limit = document.documentElement.clientWidth;",
                "if (document.documentElement.scrollWidth <= limit) return [];",
                "const out = [...document.querySelectorAll('body *')]",
                "  .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > limit + 1)",
                "  .slice(0, 5)",
                "  .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));",
                "return out.length ? out : ['the page is ' + document.documentElement.scrollWidth + ' px wide'];"));
    }

    /**
     * How far the element reaches past the right edge of the scrolling box it is in (what {@link #wider} leaves out):
     * positive when part of it is only seen by scrolling sideways.
     */
    private static long hiddenBeyondScroll(ChromeDriver driver, WebElement element) {
        return ((Number) driver.executeScript("const box = arguments[0].closest('.table-scroll') ?? document.body;"
                + " return Math.ceil(arguments[0].getBoundingClientRect().right - box.getBoundingClientRect().right);",
                element)).longValue();
    }

    private static long seriesPixels(ChromeDriver driver, WebElement figure) {
        return ((Number) driver.executeScript(SERIES_PIXELS, figure)).longValue();
    }

    @Test
    void theChartsDrawTheSeededWeekAndEveryBadgeIsTheHealthApisStatus() {
        seedAnswersAndFeedback();
        ChromeDriver admin = signedInAdmin();

        admin.get(url("/console/dashboard?product=support-copilot"));
        waiting(admin).until(d -> d.findElements(By.cssSelector("[data-testid=metric-chart][data-rendered=true]"))
                .size() == 11);
        JsonPath health = given().get("/v1/products/support-copilot/metrics").then().statusCode(200).extract()
                .jsonPath();

        List<WebElement> badges = admin.findElements(testId("health-badge"));
        assertThat(badges).hasSize(5);
        for (WebElement badge : badges) {
            String metric = badge.getAttribute("data-metric");
            assertThat(badge.getAttribute("data-status")).as(metric)
                    .isEqualTo(health.getString("health_check." + metric));
            assertThat(badge.getText()).as("the status in words, not only colour").containsAnyOf("Pass", "Warn",
                    "Fail", "No data");
        }
        for (String metric : List.of("accuracy", "latency_p95", "csat", "resolution_rate", "deflection_rate",
                "confidence_histogram", "reliability")) {
            WebElement figure = admin.findElement(By.cssSelector("[data-testid=metric-chart][data-metric=" + metric
                    + "]"));
            assertThat(Integer.parseInt(figure.getAttribute("data-points"))).as(metric + " values drawn").isPositive();
            assertThat(seriesPixels(admin, figure)).as(metric + " series pixels on the canvas").isPositive();
        }
        JsonPath weekly = given().accept("application/json").get("/v1/products/support-copilot/reports/weekly").then()
                .statusCode(200).extract().jsonPath();
        assertThat(admin.findElement(testId("weekly-report")).getText()).contains("Weekly update: "
                + weekly.getString("week"), weekly.getString("status.text"), weekly.getString("actions[0]"));
        assertThat(admin.findElement(testId("queue-depth")).getText()).matches("\\d+");
        assertThat(wider(admin)).as("sticks out at 1280").isEmpty();
        assertNoConsoleErrors(admin);
        fullPage(admin, "dashboard", 1280, 800);
        resize(admin, 1280, 1500);
        screenshot(admin, "dashboard-top");
        resize(admin, 1280, 800);
        // Warm now: how long a reload takes until every chart is drawn (reported, not asserted: the machine is shared).
        admin.navigate().refresh();
        waiting(admin).until(d -> d.findElements(By.cssSelector("[data-testid=metric-chart][data-rendered=true]"))
                .size() == 11);
        System.out.println("dashboard warm load: " + admin.executeScript("const n = performance.getEntriesByType("
                + "'navigation')[0]; return Math.round(n.loadEventEnd - n.startTime) + ' ms to load, '"
                + " + Math.round(n.responseEnd - n.requestStart) + ' ms for the HTML'"));

        resize(admin, 390, 844);
        waiting(admin).until(d -> seriesPixels(admin, admin.findElement(By.cssSelector(
                "[data-testid=metric-chart][data-metric=accuracy]"))) > 0);
        assertThat(wider(admin)).as("sticks out at 390").isEmpty();
        screenshot(admin, "dashboard-390");
        admin.executeScript("document.querySelector('[data-metric=accuracy]').scrollIntoView()");
        screenshot(admin, "dashboard-390-charts");
        resize(admin, 1280, 800);
        assertNoConsoleErrors(admin);
    }

    @Test
    void anUploadedMarkdownFileIsListedWithItsPassagesAndCanBeDeleted() throws IOException {
        String product = TestProducts.ensure("kb-browser");
        Path file = Files.createTempDirectory("kb-browser").resolve("office-plants.md");
        Files.writeString(file, "# Office plants\n\nWater the office plants every Monday before nine.\n\n"
                + "## Ferns\n\nFerns like shade and damp soil; mist them on Thursdays.\n");
        ChromeDriver admin = signedInAdmin();

        admin.get(url("/console/knowledge?product=" + product));
        visible(admin, "upload").sendKeys(file.toAbsolutePath().toString());
        admin.findElement(By.id("upload-button")).click();

        WebElement row = waiting(admin).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-testid=document][data-source='office-plants.md'][data-status=ready]")));
        JsonPath listed = given().get("/v1/products/" + product + "/documents").then().statusCode(200).extract()
                .jsonPath();
        int passages = listed.getInt("data.find { it.source == 'office-plants.md' }.passages");
        assertThat(passages).isPositive();
        assertThat(row.findElement(testId("passages")).getText()).isEqualTo(String.valueOf(passages));
        assertThat(admin.findElement(By.id("upload-status")).getText())
                .isEqualTo("office-plants.md is ready: " + passages + " passages.");
        assertNoConsoleErrors(admin);
        screenshot(admin, "knowledge");
        resize(admin, 390, 844);
        assertThat(wider(admin)).as("sticks out at 390").isEmpty();
        assertThat(hiddenBeyondScroll(admin, row.findElement(testId("delete"))))
                .as("px of the Delete button scrolled off the documents panel at 390").isLessThanOrEqualTo(0L);
        screenshot(admin, "knowledge-390");
        resize(admin, 1280, 800);

        row.findElement(testId("delete")).click();
        admin.switchTo().alert().accept();
        waiting(admin).until(ExpectedConditions.textToBe(By.id("upload-status"), "office-plants.md was deleted."));
        assertThat(admin.findElements(By.cssSelector("[data-source='office-plants.md']"))).isEmpty();
        assertNoConsoleErrors(admin);
    }

    @Test
    void anUploadTheApiRefusesShowsTheApisWords() throws IOException {
        String product = TestProducts.ensure("kb-browser");
        Path file = Files.createTempDirectory("kb-browser").resolve("empty.md");
        Files.writeString(file, "");
        ChromeDriver admin = signedInAdmin();

        admin.get(url("/console/knowledge?product=" + product));
        visible(admin, "upload").sendKeys(file.toAbsolutePath().toString());
        admin.findElement(By.id("upload-button")).click();

        WebElement status = waiting(admin).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#upload-status.error")));
        assertThat(status.getText()).isEqualTo("The file 'empty.md' is empty; upload a document with text in it");
        assertNoConsoleErrors(admin, "status of 400");
    }

    @Test
    void anAgentKeyGetsTheNotAllowedPageInsteadOfTheDashboard() {
        String key = ConsoleHttp.createKey("Ana (dashboard)", "agent").path("key").asText();
        ChromeDriver agent = newBrowser();
        signIn(agent, key);

        agent.get(url("/console/dashboard"));

        assertThat(agent.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(agent.findElements(testId("metric-chart"))).isEmpty();
        screenshot(agent, "dashboard-agent-refused");
        assertNoConsoleErrors(agent, "status of 403");
    }
}
