package io.confidencegateway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.RestAssured;

/**
 * The console's browser tests: the test app (a {@code @QuarkusTest} on a random port) driven by Debian's headless
 * Chromium, one browser per test class (more when a test needs a second person). Tagged {@code browser}, so they
 * run only in the {@code browser} Maven profile ({@code .ci/run}); a plain {@code ./mvnw verify} needs no browser.
 * Every view a test reaches can be saved under {@code target/console-screenshots/}.
 */
@Tag("browser")
public abstract class BrowserTestBase {

    /** Debian's packages: {@code apt-get install chromium chromium-driver}. */
    static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final List<ChromeDriver> OPEN = new ArrayList<>();
    /** The class's browser. */
    protected static ChromeDriver browser;

    @BeforeAll
    static void openTheBrowser() {
        browser = newBrowser();
    }

    @AfterAll
    static void closeTheBrowsers() {
        OPEN.forEach(ChromeDriver::quit);
        OPEN.clear();
    }

    /** Another headless Chromium with its own cookies (a second person); closed after the class. */
    protected static ChromeDriver newBrowser() {
        // Selenium Manager must not look for drivers or browsers online: Debian's are given.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,800");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER)
                .toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        OPEN.add(driver);
        viewport(driver, 1280, 800);
        return driver;
    }

    /** Sets the page's viewport to exactly this size (the window size would include the browser's own frame). */
    protected static void viewport(ChromeDriver driver, int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    protected static String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    protected static WebDriverWait waiting(ChromeDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    protected static By testId(String id) {
        return By.cssSelector("[data-testid=\"" + id + "\"]");
    }

    /** Signs in through the form and waits for the Ask page. */
    protected static void signIn(ChromeDriver driver, String key) {
        driver.get(url("/console/sign-in"));
        driver.findElement(testId("api-key")).sendKeys(key);
        driver.findElement(testId("sign-in")).click();
        waiting(driver).until(ExpectedConditions.urlToBe(url("/console")));
    }

    protected static WebElement visible(ChromeDriver driver, String testId) {
        return waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    protected static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Asserts that the browser logged no error since the last call (script errors, failed loads); {@code expected}
     * names the fragments of errors a test provoked on purpose (e.g. the 409 of a refused claim).
     */
    protected static void assertNoConsoleErrors(ChromeDriver driver, String... expected) {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && Arrays.stream(expected).noneMatch(entry.getMessage()::contains)) {
                severe.add(entry.getMessage());
            }
        }
        assertThat(severe).as("browser console errors").isEmpty();
    }
}
