package io.confidencegateway.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The spans an ops person follows a request by: one trace per request, a child per step and per model call. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class TracingTest {

    private static final String QUESTION = "How long is the refund window?";
    private static final String ANSWER = "You can request a full refund within 30 days of purchase [1].";

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
        spans.reset();
    }

    /** Every span of the trace whose server span served {@code path}, once the scoring or model span is in. */
    private List<SpanData> traceOf(String path, Predicate<List<SpanData>> complete) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            SpanData server = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getKind() == SpanKind.SERVER && path.equals(s.getAttributes()
                            .get(AttributeKey.stringKey("url.path"))))
                    .findFirst().orElse(null);
            if (server == null) {
                return null;
            }
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(server.getTraceId())).toList();
            return complete.test(trace) ? trace : null;
        }, trace -> trace != null);
    }

    private static SpanData named(List<SpanData> trace, String name) {
        return trace.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + trace.stream()
                        .map(SpanData::getName).toList()));
    }

    private static SpanData server(List<SpanData> trace) {
        return trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static Long number(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.longKey(key));
    }

    @Test
    void aProductAnswerIsOneTraceWithRetrievalModelCallAndScoringUnderTheRequest() {
        OpenAiUpstreamStub.answer(ANSWER, 900, 20);

        Response response = given().contentType("application/json")
                .body(Map.of("product", "support-copilot", "question", QUESTION)).post("/v1/answers");

        response.then().statusCode(200);
        List<SpanData> trace = traceOf("/v1/answers", t -> t.stream().anyMatch(s -> s.getName()
                .equals("gateway.scoring")));
        SpanData request = server(trace);
        SpanData retrieval = named(trace, "gateway.retrieval");
        // The demo product's spec asks for gpt-4o; the stub answers as a dated snapshot, as OpenAI does.
        SpanData call = named(trace, "chat gpt-4o");
        SpanData scoring = named(trace, "gateway.scoring");
        assertThat(retrieval.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(call.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(scoring.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(number(retrieval, "gateway.passages")).isPositive();

        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attribute(call, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(attribute(call, "gen_ai.provider.name")).isEqualTo("openai");
        assertThat(attribute(call, "gen_ai.request.model")).isEqualTo("gpt-4o");
        assertThat(attribute(call, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(number(call, "gen_ai.usage.input_tokens")).isEqualTo(900L);
        assertThat(number(call, "gen_ai.usage.output_tokens")).isEqualTo(20L);
        assertThat(attribute(call, "error.type")).isNull();

        JsonPath answer = response.jsonPath();
        EventData evaluation = scoring.getEvents().stream()
                .filter(e -> e.getName().equals("gen_ai.evaluation.result")).findFirst().orElseThrow();
        assertThat(evaluation.getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.name")))
                .isEqualTo("confidence");
        assertThat(evaluation.getAttributes().get(AttributeKey.doubleKey("gen_ai.evaluation.score.value")))
                .isEqualTo(answer.getDouble("confidence"), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(evaluation.getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.score.label")))
                .isEqualTo(answer.getString("confidence_label"));
        assertNoContent(trace);
    }

    @Test
    void aPassThroughChatCompletionHasItsModelCallUnderTheRouteSpan() {
        OpenAiUpstreamStub.answer("The refund window is 30 days.", 20, 8);

        given().contentType("application/json").body("""
                {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "%s"}]}""".formatted(QUESTION))
                .post("/v1/chat/completions").then().statusCode(200);

        List<SpanData> trace = traceOf("/v1/chat/completions", t -> t.stream().anyMatch(s -> s.getName()
                .equals("chat gpt-4o-mini")));
        SpanData request = server(trace);
        SpanData call = named(trace, "chat gpt-4o-mini");
        assertThat(call.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(number(call, "gen_ai.usage.input_tokens")).isEqualTo(20L);
        assertThat(number(call, "gen_ai.usage.output_tokens")).isEqualTo(8L);
        assertThat(call.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertNoContent(trace);
    }

    @Test
    void aFailedAttemptCarriesItsErrorTypeAndTheFallbackItsOwnSpan() {
        OpenAiUpstreamStub.error(500, "upstream broke", Map.of());
        OpenAiUpstreamStub.answerAt("/backup", "Backup says 30 days.");

        given().contentType("application/json").body("""
                {"model": "resilient", "messages": [{"role": "user", "content": "%s"}]}""".formatted(QUESTION))
                .post("/v1/chat/completions").then().statusCode(200);

        List<SpanData> trace = traceOf("/v1/chat/completions", t -> t.stream().anyMatch(s -> s.getName()
                .equals("chat backup-model")));
        SpanData failed = named(trace, "chat gpt-4o-mini");
        SpanData served = named(trace, "chat backup-model");
        assertThat(attribute(failed, "error.type")).isEqualTo("server_error");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attribute(served, "gen_ai.provider.name")).isEqualTo("backup");
        assertThat(attribute(served, "error.type")).isNull();
        assertThat(failed.getParentSpanId()).isEqualTo(served.getParentSpanId());
    }

    /** Neither the question nor the answer leaves in a span unless gateway.tracing.capture-content is on. */
    private static void assertNoContent(List<SpanData> trace) {
        for (SpanData span : trace) {
            assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
                    .doesNotContain("gen_ai.input.messages", "gen_ai.output.messages");
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                    .doesNotContain("refund window", "30 days"));
            span.getEvents().forEach(event -> event.getAttributes().forEach((key, value) ->
                    assertThat(String.valueOf(value)).doesNotContain("refund window", "30 days")));
        }
    }
}
