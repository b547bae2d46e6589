package io.confidencegateway.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.prompt.PromptLabel;
import io.confidencegateway.prompt.PromptVersion;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The admin's read-only prompt page: which version each label serves, and what each version is. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class PromptsPageTest {

    @Test
    void anAdminSeesEachVersionWithTheLabelsThatPointAtItAndTheCanaryWeight() {
        String product = "prompts-page-" + System.nanoTime();
        given().contentType("application/json").body("""
                {"name": "Prompts page", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "gpt-4o-mini"}""")
                .put("/v1/products/" + product).then().statusCode(201);
        given().contentType("application/json").body("{\"instructions\": \"Answer <b>warmly</b> from the passages, "
                + "citing them as [n].\", \"temperature\": 0.3, \"note\": \"warmer tone\"}")
                .post("/v1/products/" + product + "/prompts").then().statusCode(201);
        given().contentType("application/json").body("{\"version\": 2, \"weight\": 25}")
                .put("/v1/products/" + product + "/prompt-labels/canary").then().statusCode(200);

        String html = given().accept("text/html").queryParam("product", product).get("/console/prompts").then()
                .statusCode(200).extract().asString();

        assertThat(html).contains("data-testid=\"prompt-label\" data-label=\"production\" data-version=\"1\"")
                .contains("data-testid=\"prompt-label\" data-label=\"canary\" data-version=\"2\"")
                .contains("25 %").contains("warmer tone").contains("Temperature</dt><dd>0.3")
                .contains("ships with the gateway")
                .as("instructions are escaped, not rendered").contains("&lt;b&gt;warmly&lt;/b&gt;")
                .doesNotContain("<b>warmly</b>");
        assertThat(html.indexOf("data-version=\"2\"", html.indexOf("prompt-version")))
                .as("newest version first").isLessThan(html.indexOf("data-testid=\"prompt-version\" data-version=\"1\""));
    }

    @Test
    void anUnknownProductIsNamedAndTheFirstProductShownInstead() {
        String html = given().accept("text/html").queryParam("product", "no-such-product").get("/console/prompts")
                .then().statusCode(200).extract().asString();

        assertThat(html).contains("There is no product 'no-such-product'");
    }

    @Test
    void versionsAreListedNewestFirstEachWithItsLabels() {
        PromptLabel production = new PromptLabel(PromptLabel.PRODUCTION, 1, 100, null);
        PromptLabel canary = new PromptLabel("canary", 2, 10, Instant.parse("2026-12-01T10:00:00Z"));
        PromptVersion v2 = new PromptVersion("p", 2, "be brief", "gpt-4o", 0.2, 3, "brief", Instant.EPOCH);

        List<PromptsPage.VersionRow> rows = PromptsPage.rows(List.of(PromptVersion.shipped("p"), v2),
                List.of(production, canary));

        assertThat(rows).extracting(PromptsPage.VersionRow::version).containsExactly(2, 1);
        assertThat(rows.get(0).labels()).containsExactly(canary);
        assertThat(rows.get(1).labels()).containsExactly(production);
        assertThat(rows.get(0).model()).isEqualTo("gpt-4o");
        assertThat(rows.get(1).model()).isEqualTo("the product's model");
        assertThat(rows.get(1).temperature()).isEqualTo("default");
        assertThat(rows.get(1).created()).isEqualTo("ships with the gateway");
    }
}
