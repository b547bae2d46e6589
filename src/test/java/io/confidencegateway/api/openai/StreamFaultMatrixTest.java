package io.confidencegateway.api.openai;

import static io.confidencegateway.api.openai.FaultMatrix.BACKUP;
import static io.confidencegateway.api.openai.FaultMatrix.JSON;
import static io.confidencegateway.api.openai.FaultMatrix.ask;
import static io.confidencegateway.api.openai.FaultMatrix.calls;
import static io.confidencegateway.api.openai.FaultMatrix.chunk;
import static io.confidencegateway.api.openai.FaultMatrix.closeBreakers;
import static io.confidencegateway.api.openai.FaultMatrix.dataLines;
import static io.confidencegateway.api.openai.FaultMatrix.event;
import static io.confidencegateway.api.openai.FaultMatrix.record;
import static io.confidencegateway.api.openai.FaultMatrix.stubStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.provider.ProviderRegistry;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The fault matrix of issue 5 for streams: a stream that breaks after text was sent ends with an explicit error
 * event and no {@code [DONE]} (never a silent switch to another model); one that fails before its first token fails
 * over invisibly. Over real HTTP against scripted upstreams; the record is read back by the inference id.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class StreamFaultMatrixTest {

    @Inject
    ProviderRegistry registry;

    @BeforeEach
    void reset() {
        OpenAiUpstreamStub.server().resetAll();
        closeBreakers(registry);
    }

    @AfterEach
    void cleanUp() {
        closeBreakers(registry);
    }

    // ---- streams that break after their first chunks: explicit error event, no [DONE] --------------------------

    static Stream<Arguments> brokenStreams() {
        return Stream.of(
                Arguments.of("10. stream cut after 1 chunk", List.of("The refund "), null, "ended without"),
                Arguments.of("10. stream cut after 3 chunks", List.of("The refund ", "window is ", "30"), null,
                        "ended without"),
                Arguments.of("11. error event after 2 chunks", List.of("The refund ", "window"),
                        "The server had an error while processing your request", "error event"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenStreams")
    void aStreamThatBreaksAfterItsFirstChunksEndsWithAnErrorEventAndNoDone(String label, List<String> pieces,
            String errorEvent, String detail) throws Exception {
        StringBuilder upstream = new StringBuilder(event(chunk("{\"role\": \"assistant\", \"content\": \"\"}")));
        for (String piece : pieces) {
            upstream.append(event(chunk("{\"content\": " + JSON.writeValueAsString(piece) + "}")));
        }
        if (errorEvent != null) {
            upstream.append(event("{\"error\": {\"message\": \"" + errorEvent + "\", \"type\": \"server_error\"}}"));
            // Anything after the error must not be relayed as if the answer had gone on.
            upstream.append(event(chunk("{\"content\": \" and more\"}"))).append("data: [DONE]\n\n");
        }
        stubStream(upstream.toString());
        OpenAiUpstreamStub.streamAt("/backup", List.of("Backup ", "stream."), false, true);
        String partial = String.join("", pieces);

        Response response = ask("resilient", true);

        response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/event-stream"));
        List<String> events = dataLines(response.asString());
        assertThat(events).as("no end marker after a cut").doesNotContain("[DONE]");
        assertThat(response.asString()).doesNotContain("and more");
        List<JsonNode> parsed = new ArrayList<>();
        for (String data : events) {
            parsed.add(JSON.readTree(data));
        }
        JsonNode last = parsed.get(parsed.size() - 1);
        assertThat(last.path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(last.path("error").path("code").asText()).isEqualTo("stream_interrupted");
        assertThat(last.path("error").path("message").asText()).contains("interrupted").contains(detail);
        assertThat(last.has("choices")).isFalse();
        StringBuilder relayed = new StringBuilder();
        for (JsonNode chunk : parsed.subList(0, parsed.size() - 1)) {
            JsonNode finishReason = chunk.path("choices").get(0).path("finish_reason");
            assertThat(finishReason.isMissingNode() || finishReason.isNull()).as("no chunk claims the answer finished")
                    .isTrue();
            relayed.append(chunk.path("choices").get(0).path("delta").path("content").asText(""));
        }
        assertThat(relayed.toString()).isEqualTo(partial);
        assertThat(calls(BACKUP)).as("text was already sent: no silent switch to another model").isZero();

        JsonPath record = record(response);
        assertThat(record.getString("status")).isEqualTo("interrupted");
        assertThat(record.getString("error_kind")).isEqualTo("stream_interrupted");
        assertThat(record.getString("error_message")).contains(detail);
        assertThat(record.getInt("http_status")).isEqualTo(200);
        assertThat(record.getString("provider")).isEqualTo("openai");
        assertThat(record.getString("content")).isEqualTo(partial);
        assertThat(record.getList("attempts.outcome")).containsExactly("ok", "stream_interrupted");
        assertThat(record.getString("attempts[1].detail")).startsWith("after the first chunk");
    }

    static Stream<Arguments> streamsFailingBeforeTheFirstToken() {
        String opening = event(chunk("{\"role\": \"assistant\", \"content\": \"\"}"));
        return Stream.of(
                Arguments.of("12. first response is HTTP 500", (Runnable) () -> OpenAiUpstreamStub.error(500, "boom",
                        Map.of()), "server_error"),
                // Real OpenAI streams open with a role-only chunk: it carries no text, so failing after it is still
                // failing before the first token, and the next provider must take over.
                Arguments.of("10. stream cut after 0 content chunks (role chunk only)", (Runnable) () -> stubStream(
                        opening), "stream_interrupted"),
                Arguments.of("11. error event right after the role chunk", (Runnable) () -> stubStream(opening
                        + event("{\"error\": {\"message\": \"overloaded\", \"type\": \"server_error\"}}")),
                        "stream_interrupted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamsFailingBeforeTheFirstToken")
    void aStreamThatFailsBeforeItsFirstTokenFailsOverInvisibly(String label, Runnable fault, String outcome)
            throws Exception {
        fault.run();
        OpenAiUpstreamStub.streamAt("/backup", List.of("Backup ", "stream."), false, true);

        Response response = ask("resilient", true);

        response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/event-stream"));
        String raw = response.asString();
        assertThat(raw).endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
        List<String> events = dataLines(raw);
        StringBuilder relayed = new StringBuilder();
        int openings = 0;
        for (String data : events.subList(0, events.size() - 1)) {
            JsonNode delta = JSON.readTree(data).path("choices").path(0).path("delta");
            relayed.append(delta.path("content").asText(""));
            openings += delta.has("role") ? 1 : 0;
        }
        assertThat(relayed.toString()).isEqualTo("Backup stream.");
        assertThat(openings).as("one message opening: nothing of the failed stream reached the client").isEqualTo(1);
        JsonNode finish = JSON.readTree(events.get(events.size() - 2));
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.path("gateway").path("provider").asText()).isEqualTo("backup");

        JsonPath record = record(response);
        assertThat(record.getString("status")).isEqualTo("ok");
        assertThat(record.getString("error_kind")).isNull();
        assertThat(record.getString("provider")).isEqualTo("backup");
        assertThat(record.getString("content")).isEqualTo("Backup stream.");
        assertThat(record.getList("attempts.outcome")).containsExactly(outcome, "ok");
        assertThat(record.getList("attempts.provider")).containsExactly("openai", "backup");
    }
}
