package io.confidencegateway.api.answer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ProviderRegistry;
import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A streamed product answer gets what a whole one gets: the latency budget, the hand-off when every provider
 * fails, and logprobs for its confidence; every outcome ends with the verdict and then {@code [DONE]}.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ProductStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "How long is the refund window?";
    private static final String ANSWER = "You can request a full refund within 30 days of purchase [1].";

    @Inject
    ProviderRegistry registry;

    @BeforeEach
    void reset() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.server().resetAll();
    }

    @AfterEach
    void closeBreaker() {
        registry.breaker("openai").onSuccess();
        registry.recordSuccess("openai");
    }

    /** The SSE events of a response: the JSON chunks, then the literal last data line. */
    private record Events(List<JsonNode> chunks, String last) {

        String text() {
            var text = new StringBuilder();
            chunks.forEach(c -> text.append(c.path("choices").path(0).path("delta").path("content").asText("")));
            return text.toString();
        }

        JsonNode finish() {
            for (JsonNode chunk : chunks) {
                if (!chunk.path("choices").path(0).path("finish_reason").isMissingNode()
                        && !chunk.path("choices").path(0).path("finish_reason").isNull()) {
                    return chunk;
                }
            }
            throw new AssertionError("no finish chunk in " + chunks);
        }
    }

    private static Events events(Response response) throws Exception {
        var chunks = new ArrayList<JsonNode>();
        String last = null;
        for (String line : response.asString().split("\n")) {
            if (line.startsWith("data: ")) {
                last = line.substring(6);
                if (!last.equals("[DONE]")) {
                    chunks.add(JSON.readTree(last));
                }
            }
        }
        return new Events(chunks, last);
    }

    private static Response streamFrom(String product, String extra) {
        return given().contentType("application/json").body("{\"model\": \"product/" + product + "\", \"stream\": true, "
                + extra + "\"messages\": [{\"role\": \"user\", \"content\": \"" + QUESTION + "\"}]}")
                .post("/v1/chat/completions");
    }

    private static JsonPath reviewItem(String product, String ticket) {
        JsonPath queue = given().get("/v1/reviews?product=" + product + "&size=100").then().statusCode(200)
                .extract().jsonPath();
        assertThat(queue.getList("items.id", String.class)).as("the ticket is in the review queue").contains(ticket);
        return given().get("/v1/reviews/" + ticket).then().statusCode(200).extract().jsonPath();
    }

    private static void product(String id, String onLatencyBudget, double budgetSeconds) {
        given().contentType("application/json").body("""
                {"name": "Stream %s", "max_latency_seconds": %s, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.8, "pii_handling": "none", "model": "gpt-4o-mini",
                 "on_latency_budget": "%s"}""".formatted(id, budgetSeconds, onLatencyBudget))
                .put("/v1/products/" + id).then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        io.confidencegateway.testing.TestDocuments.uploadAndWait(id, "refunds.md", """
                # Refund window

                You can request a full refund within 30 days of purchase.""".getBytes(), "text/markdown");
    }

    /** An upstream stream: the role chunk, one chunk per piece, the finish chunk and [DONE]. */
    private static String sse(List<String> pieces) {
        var body = new StringBuilder();
        String head = "\"id\":\"u\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\"gpt-4o-mini\"";
        body.append("data: {").append(head).append(",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (String piece : pieces) {
            body.append("data: {").append(head).append(",\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                    .append(JSON.<JsonNode>valueToTree(piece).toString()).append("},\"finish_reason\":null}]}\n\n");
        }
        body.append("data: {").append(head).append(",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"
                + "\n\ndata: [DONE]\n\n");
        return body.toString();
    }

    @Test
    void aStreamWhoseProvidersAllFailEndsInAHandOffChunkAndDoneWithATicketInTheQueue() throws Exception {
        OpenAiUpstreamStub.error(500, "upstream down", Map.of());

        // A seed leaves the extractive last resort out of the route (it cannot honour one), so every provider fails.
        Response response = streamFrom("support-copilot", "\"seed\": 7, \"stream_options\": {\"include_usage\": true}, ");

        response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/event-stream"));
        Events events = events(response);
        assertThat(events.last()).isEqualTo("[DONE]");
        JsonNode usage = events.chunks().get(events.chunks().size() - 1);
        JsonNode finish = events.chunks().get(events.chunks().size() - 2);
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode handoff = finish.path("gateway").path("handoff");
        assertThat(handoff.path("reason").asText()).isEqualTo("providers_failed");
        String ticket = handoff.path("id").asText();
        assertThat(ticket).isNotBlank();
        assertThat(handoff.path("message").asText()).contains("Thanks for your patience").contains(ticket);
        assertThat(events.text()).as("the polite hand-off message is the streamed content")
                .isEqualTo(handoff.path("message").asText());
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("gateway")).isEqualTo(finish.path("gateway"));
        assertThat(finish.path("gateway").path("inference_id").asText()).isEqualTo(response.header("X-Inference-Id"));
        JsonPath item = reviewItem("support-copilot", ticket);
        assertThat(item.getString("kind")).isEqualTo("handoff");
        assertThat(item.getString("question")).isEqualTo(QUESTION);
        assertThat(given().get("/v1/answers/" + response.header("X-Inference-Id")).jsonPath().getString("handoff.id"))
                .isEqualTo(ticket);
    }

    @Test
    void aStreamPastItsBudgetBeforeAnyTextIsHandedOffWhenTheProductSaysHandoff() throws Exception {
        product("stream-handoff", "handoff", 0.8);
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(sse(List.of(ANSWER))).withFixedDelay(2_500)));

        long started = System.nanoTime();
        Response response = streamFrom("stream-handoff", "");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        Events events = events(response);
        assertThat(events.last()).isEqualTo("[DONE]");
        JsonNode handoff = events.finish().path("gateway").path("handoff");
        assertThat(handoff.path("reason").asText()).isEqualTo("latency_budget");
        assertThat(events.text()).isEqualTo(handoff.path("message").asText()).contains("Thanks for your patience");
        assertThat(events.finish().path("gateway").path("review_reasons").get(0).asText())
                .contains("latency budget of 800 ms");
        assertThat(tookMillis).as("the reader was not kept waiting for the slow model").isLessThan(2_500);
        assertThat(reviewItem("stream-handoff", handoff.path("id").asText()).getString("kind")).isEqualTo("handoff");
    }

    @Test
    void aStreamPastItsBudgetBeforeAnyTextGetsTheExtractedAnswerMarkedForReviewWhenTheProductSaysBestEffort()
            throws Exception {
        product("stream-best-effort", "best_effort", 0.8);
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(sse(List.of("late"))).withFixedDelay(2_500)));

        Response response = streamFrom("stream-best-effort", "");

        Events events = events(response);
        assertThat(events.last()).isEqualTo("[DONE]");
        JsonNode gateway = events.finish().path("gateway");
        assertThat(gateway.has("handoff")).isFalse();
        assertThat(gateway.path("provider").asText()).isEqualTo("extractive");
        assertThat(events.text()).contains("30 days").doesNotContain("late");
        assertThat(gateway.path("requires_human_review").asBoolean()).isTrue();
        assertThat(gateway.path("review_reasons").get(0).asText()).contains("latency budget")
                .contains("extracted from the knowledge base");
    }

    @Test
    void aStreamPastItsBudgetAfterTextWentOutEndsWithTheHandOffAfterThePartialAnswer() throws Exception {
        product("stream-cut", "best_effort", 3);
        String first = "You can request a full refund";
        String rest = " within 30 days of purchase [1]." + " Refunds go back to the original payment method.".repeat(20);
        // Two halves of the body, at 2 s and 4 s: the first carries the role and the first words, within the 3 s budget.
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(sse(List.of(first, rest)))
                .withChunkedDribbleDelay(2, 4_000)));

        Response response = streamFrom("stream-cut", "");

        Events events = events(response);
        assertThat(events.last()).isEqualTo("[DONE]");
        JsonNode handoff = events.finish().path("gateway").path("handoff");
        assertThat(handoff.path("reason").asText()).isEqualTo("latency_budget");
        assertThat(events.text()).as("what went out stays, then a blank line and the hand-off message")
                .isEqualTo(first + "\n\n" + handoff.path("message").asText());
        assertThat(events.finish().path("gateway").path("review_reasons").get(0).asText())
                .contains("latency budget of 3000 ms").contains("cut off after part of the answer went out");
        JsonPath item = reviewItem("stream-cut", handoff.path("id").asText());
        assertThat(item.getString("kind")).isEqualTo("handoff");
        assertThat(item.getString("draft")).isEqualTo(first);
    }

    @Test
    void aStreamedAnswerHasTheSameConfidenceAndSignalsAsTheWholeAnswerForTheSameReply() throws Exception {
        String logprobs = "[{\"token\":\"You\",\"logprob\":-0.01},{\"token\":\" can\",\"logprob\":-0.4},"
                + "{\"token\":\" request\",\"logprob\":-1.9}]";
        String whole = OpenAiUpstreamStub.completion(ANSWER, 800, 15).replace("\"finish_reason\":\"stop\"",
                "\"finish_reason\":\"stop\",\"logprobs\":{\"content\":" + logprobs + "}");
        String head = "\"id\":\"u\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\"gpt-4o-mini\"";
        String streamed = "data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":"
                + "\"You can request\"},\"logprobs\":{\"content\":" + logprobs + "},\"finish_reason\":null}]}\n\n"
                + "data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + JSON.valueToTree(ANSWER.substring("You can request".length())) + "},\"finish_reason\":null}]}\n\n"
                + "data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n";
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH))
                .withRequestBody(equalToJson("{\"stream\": true}", true, true)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(streamed)));
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).atPriority(2)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(whole)));

        Response json = given().contentType("application/json").body("{\"model\": \"product/support-copilot\", "
                + "\"messages\": [{\"role\": \"user\", \"content\": \"" + QUESTION + "\"}]}").post("/v1/chat/completions");
        Response stream = streamFrom("support-copilot", "");

        json.then().statusCode(200);
        Events events = events(stream);
        assertThat(events.text()).isEqualTo(json.jsonPath().getString("choices[0].message.content")).isEqualTo(ANSWER);
        JsonNode gateway = events.finish().path("gateway");
        assertThat(gateway.path("confidence").asDouble()).isEqualTo(json.jsonPath().getDouble("gateway.confidence"));
        assertThat(gateway.path("confidence_label").asText()).isEqualTo(json.jsonPath().getString("gateway.confidence_label"));
        JsonPath wholeAnswer = given().get("/v1/answers/" + json.header("X-Inference-Id")).jsonPath();
        JsonPath streamedAnswer = given().get("/v1/answers/" + stream.header("X-Inference-Id")).jsonPath();
        assertThat(streamedAnswer.getList("signals.name")).as("the stream's logprobs reached the scorer")
                .contains("token_probability").isEqualTo(wholeAnswer.getList("signals.name"));
        assertThat(streamedAnswer.getList("signals.value")).isEqualTo(wholeAnswer.getList("signals.value"));
        OpenAiUpstreamStub.server().verify(2, postRequestedFor(urlPathEqualTo(OpenAiUpstreamStub.PATH))
                .withRequestBody(equalToJson("{\"logprobs\": true}", true, true)));
        assertThat(events.chunks()).allSatisfy(c -> assertThat(c.path("choices").path(0).has("logprobs"))
                .as("the logprobs asked for to score the answer stay inside").isFalse());
    }
}
