package io.confidencegateway.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An admin key limited to some products sees only those through the console's pages: the picker lists only them,
 * and asking a page for another product answers the console's HTML 403 page (a person reads it), not JSON.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ConsoleScopeTest {

    private static final String OTHER = "scope-other";

    private ConsoleHttp browser;

    @BeforeEach
    void signedInWithAKeyLimitedToSupportCopilot() {
        given().contentType("application/json").body("""
                {"name": "Somebody else's product", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini"}""")
                .put("/v1/products/" + OTHER).then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        HttpResponse<String> created = new ConsoleHttp().postJson("/v1/keys", "{\"name\": \"scoped-admin\", "
                + "\"role\": \"admin\", \"products\": [\"support-copilot\"]}",
                Map.of("Authorization", TestKeys.ADMIN_BEARER));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        browser = new ConsoleHttp();
        HttpResponse<String> signedIn = browser.signIn(ConsoleHttp.json(created).path("key").asText(), Map.of());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/dashboard", "/console/prompts", "/console/knowledge"})
    void anotherProductIsRefusedWithTheHtmlNotAllowedPage(String page) {
        HttpResponse<String> refused = browser.get(page + "?product=" + OTHER);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(refused.body()).contains("<h1>Not allowed</h1>")
                .contains("may not use product &#39;" + OTHER + "&#39;; it may use support-copilot")
                .doesNotContain("\"status\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/dashboard", "/console/prompts", "/console/knowledge", "/console"})
    void thePickerListsOnlyTheKeysProducts(String page) {
        HttpResponse<String> shown = browser.get(page + (page.equals("/console") ? "" : "?product=support-copilot"));

        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(shown.body()).contains("<option value=\"support-copilot\"")
                .doesNotContain("<option value=\"" + OTHER + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/dashboard", "/console/prompts", "/console/knowledge"})
    void anUnscopedAdminStillSeesEveryProduct(String page) {
        String html = given().accept("text/html").get(page + "?product=" + OTHER).then().statusCode(200).extract()
                .asString();

        assertThat(html).contains("<option value=\"" + OTHER + "\" selected>")
                .contains("<option value=\"support-copilot\"");
    }
}
