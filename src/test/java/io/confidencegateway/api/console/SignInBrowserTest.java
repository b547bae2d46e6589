package io.confidencegateway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.confidencegateway.access.ConsoleSessions;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Signing in and out of the console in a real browser. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class SignInBrowserTest extends BrowserTestBase {

    @Test
    void anAgentSignsInSeesTheAgentsNavAndSignsOut() {
        String key = ConsoleHttp.createKey("Ana (browser)", "agent").path("key").asText();
        browser.manage().deleteAllCookies();
        browser.get(url("/console/reviews"));
        waiting(browser).until(ExpectedConditions.urlToBe(url("/console/sign-in")));
        screenshot(browser, "sign-in");

        signIn(browser, key);

        Cookie session = browser.manage().getCookieNamed(ConsoleSessions.COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(browser.findElements(By.cssSelector("header nav a")).stream().map(a -> a.getText()).toList())
                .containsExactly("Ask", "Reviews");
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).isEqualTo("Ana (browser) (agent)");
        assertThat(browser.findElement(By.cssSelector("meta[name='csrf-token']")).getAttribute("content"))
                .isNotBlank();
        assertNoConsoleErrors(browser);

        browser.findElement(testId("sign-out")).click();

        waiting(browser).until(ExpectedConditions.urlToBe(url("/console/sign-in?signed-out=true")));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("You are signed out.");
        browser.get(url("/console"));
        waiting(browser).until(ExpectedConditions.urlToBe(url("/console/sign-in")));
    }

    @Test
    void anAdminSeesTheDashboardKnowledgeAndPromptsLinksToo() {
        String key = ConsoleHttp.createKey("Lead (browser)", "admin").path("key").asText();
        browser.manage().deleteAllCookies();

        signIn(browser, key);

        assertThat(browser.findElements(By.cssSelector("header nav a")).stream().map(a -> a.getText()).toList())
                .containsExactly("Ask", "Reviews", "Dashboard", "Knowledge", "Prompts");
    }

    @Test
    void aClientKeyCannotSignInAndIsToldWhyWithoutTheKeyShown() {
        String key = ConsoleHttp.createKey("Support tool (browser)", "client").path("key").asText();
        ChromeDriver other = newBrowser();
        other.get(url("/console/sign-in"));
        other.findElement(testId("api-key")).sendKeys(key);
        other.findElement(testId("sign-in")).click();

        String error = waiting(other).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[role=alert]"))).getText();
        assertThat(error).isEqualTo("This key has the client role, which cannot sign in to the console: use an agent "
                + "or admin key.");
        assertThat(other.getPageSource()).doesNotContain(key.substring(0, 10));
        assertThat(other.manage().getCookieNamed(ConsoleSessions.COOKIE)).isNull();
        screenshot(other, "sign-in-refused");
        // The refusal is the form's 401 answer; nothing else may fail.
        assertNoConsoleErrors(other, "status of 401");
    }
}
