package io.confidencegateway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Console pages carry the session's CSRF token, so no cache keeps them; and /console/ is the Ask page. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ConsolePageHeadersTest {

    private ConsoleHttp agent;
    private ConsoleHttp admin;

    @BeforeEach
    void signedIn() {
        agent = new ConsoleHttp();
        assertThat(agent.signIn(ConsoleHttp.createKey("headers-agent", "agent").path("key").asText(), Map.of())
                .statusCode()).isEqualTo(303);
        admin = new ConsoleHttp();
        assertThat(admin.signIn(ConsoleHttp.createKey("headers-admin", "admin").path("key").asText(), Map.of())
                .statusCode()).isEqualTo(303);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console", "/console/reviews", "/console/dashboard", "/console/knowledge",
            "/console/prompts", "/console/sign-in"})
    void everyConsolePageIsSentNoStore(String page) {
        HttpResponse<String> shown = admin.get(page);

        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void anAgentOpeningConsoleWithATrailingSlashGetsTheAskPage() {
        HttpResponse<String> shown = agent.get("/console/");

        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(shown.body()).contains("<option value=\"support-copilot\">").doesNotContain("Not allowed");
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void withoutASessionConsoleWithATrailingSlashGoesToTheSignInForm() {
        HttpResponse<String> answer = new ConsoleHttp().get("/console/");

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/console/sign-in");
    }
}
