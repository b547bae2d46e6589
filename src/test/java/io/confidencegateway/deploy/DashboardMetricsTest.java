package io.confidencegateway.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.answer.AnswerPrompt;
import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every metric the Grafana dashboard queries is one a running gateway exports, with the labels the panels group by:
 * a renamed meter or a dropped tag fails here instead of leaving a panel that plots nothing.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class DashboardMetricsTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/confidence-gateway.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:gateway|gen_ai|http_server)_[a-z0-9_]+)\\b");
    private static final Pattern BY = Pattern.compile("\\bby \\(([^)]*)\\)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})?\\s");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
    }

    /** The traffic a dashboard is for: answers (one handed off), feedback, a chat completion, a stream, a score. */
    private static void someTraffic() {
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 900, 20);
        String answer = given().contentType("application/json")
                .body(Map.of("product", "support-copilot", "question", "How long is the refund window?"))
                .post("/v1/answers").then().statusCode(200).extract().path("id");
        given().contentType("application/json")
                .body(Map.of("csat", 4, "final_text", "Refunds are possible for a month after you buy."))
                .post("/v1/answers/" + answer + "/feedback").then().statusCode(201);
        OpenAiUpstreamStub.answer(AnswerPrompt.NO_ANSWER, 800, 15);
        given().contentType("application/json")
                .body(Map.of("product", "support-copilot", "question", "Do you sell gift cards for Mars?"))
                .post("/v1/answers").then().statusCode(200);
        OpenAiUpstreamStub.answer("Hello.", 5, 2);
        given().contentType("application/json").body("""
                {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}""")
                .post("/v1/chat/completions").then().statusCode(200);
        OpenAiUpstreamStub.stream(List.of("Hel", "lo."), true, true);
        given().contentType("application/json").body("""
                {"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "hi"}]}""")
                .post("/v1/chat/completions").then().statusCode(200);
        given().contentType("application/json").body("""
                {"passages": ["Customers can return any unused item within 30 days."],
                 "answer": "Unused items can be returned within 30 days [1]."}""")
                .post("/v1/score").then().statusCode(200);
    }

    /** Metric name → every label name seen on its samples. */
    private static Map<String, Set<String>> exported(String text) {
        var labels = new HashMap<String, Set<String>>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Set<String> names = labels.computeIfAbsent(sample.group(1), n -> new HashSet<>());
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
        return labels;
    }

    private static List<String> queries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        var queries = new java.util.ArrayList<String>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        dashboard.path("templating").path("list").forEach(variable -> queries.add(variable.path("definition")
                .asText()));
        return queries;
    }

    @Test
    void everyMetricAndGroupingLabelInTheDashboardIsExported() throws IOException {
        someTraffic();
        Map<String, Set<String>> exported = exported(given().get("/q/metrics").then().statusCode(200).extract()
                .asString());

        List<String> queries = queries();
        assertThat(queries).hasSizeGreaterThan(20);
        var missing = new LinkedHashSet<String>();
        for (String query : queries) {
            Set<String> labels = new HashSet<>();
            // Label names sit in grouping clauses and selectors; what is left names metrics.
            Matcher metric = METRIC.matcher(query.replaceAll("\\bby \\([^)]*\\)", "").replaceAll("\\{[^}]*}", ""));
            boolean any = false;
            while (metric.find()) {
                any = true;
                String name = metric.group(1);
                if (!exported.containsKey(name)) {
                    missing.add(name);
                } else {
                    labels.addAll(exported.get(name));
                }
            }
            assertThat(any).as("a query without a gateway metric: " + query).isTrue();
            Matcher by = BY.matcher(query);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    assertThat(labels).as("label '" + label.trim() + "' of " + query).contains(label.trim());
                }
            }
        }
        assertThat(missing).as("metrics the dashboard asks for but the gateway does not export").isEmpty();
    }

    @Test
    void theDashboardGroupsOnlyByBoundedLabels() throws IOException {
        Set<String> bounded = Set.of("api", "status", "provider", "model", "outcome", "le", "uri", "product",
                "type", "gen_ai_token_type", "label", "reason", "kind", "prompt_version");
        for (String query : queries()) {
            Matcher by = BY.matcher(query);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    assertThat(bounded).as(query).contains(label.trim());
                }
            }
        }
    }
}
