package io.confidencegateway.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.vertx.core.Vertx;

/**
 * The contract every provider adapter passes, against a stub of its vendor's API over real HTTP. A subclass
 * says how its vendor spells an answer, a stream and an error; the assertions are the same for all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChatProviderContractTest {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Duration TIMEOUT = Duration.ofMillis(800);

    protected WireMockServer upstream;
    protected Vertx vertx;

    /** The adapter type under test, e.g. {@code openai}. */
    protected abstract String type();

    /** Builds the adapter under test. */
    protected abstract ChatProvider create(Vertx vertx, ProviderSettings settings);

    /** The base URL of the stubbed vendor API (including a path prefix such as {@code /v1}). */
    protected abstract String baseUrl(int port);

    /** Stubs a whole answer with that text and usage; the upstream model echoes {@code model}. */
    protected abstract void stubAnswer(String text, int promptTokens, int completionTokens);

    /** Stubs a stream of those text pieces followed by the vendor's end and usage. */
    protected abstract void stubStream(List<String> pieces, int promptTokens, int completionTokens);

    /** Stubs a stream that sends those pieces and then the vendor's error event. */
    protected abstract void stubStreamWithErrorEvent(List<String> pieces, String message);

    /** Stubs a stream that sends those pieces and then stops without the vendor's end marker. */
    protected abstract void stubStreamCut(List<String> pieces);

    /** Stubs an error answer in the vendor's error format. */
    protected abstract void stubError(int status, String message, Map<String, String> headers);

    /** Stubs an answer that takes that long to arrive. */
    protected abstract void stubSlow(Duration delay);

    /** Stubs an answer with those token log probabilities; only called when the adapter supports logprobs. */
    protected void stubAnswerWithLogprobs(String text, List<Double> logprobs) {
        throw new UnsupportedOperationException(type() + " has no logprobs");
    }

    /** Checks that the last outgoing request carries the model, the messages and the key as the vendor wants. */
    protected abstract void assertOutgoingRequest(LoggedRequest request, String upstreamModel, String apiKey);

    @BeforeAll
    void startUpstream() {
        upstream = new WireMockServer(wireMockConfig().dynamicPort());
        upstream.start();
        vertx = Vertx.vertx();
        warmUp();
    }

    /**
     * One untimed round trip first: the first request of a fresh JVM (class loading, JIT, connection set-up) can
     * take longer than the short timeout the tests use, which would fail whichever test happens to run first.
     */
    private void warmUp() {
        stubAnswer("warm", 1, 1);
        ProviderSettings patient = new ProviderSettings("warm-up", type(), baseUrl(upstream.port()),
                Optional.of("sk-test-key"), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Optional.empty(), Map.of(), 1);
        create(vertx, patient).chat(question("warm up")).await().atMost(Duration.ofSeconds(30));
        stubStream(List.of("warm"), 1, 1);
        create(vertx, patient).stream(request("warm up", true, null)).collect().asList().await()
                .atMost(Duration.ofSeconds(30));
        upstream.resetAll();
    }

    @AfterAll
    void stopUpstream() {
        upstream.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void resetStubs() {
        upstream.resetAll();
    }

    protected ChatProvider provider() {
        return create(vertx, settings(baseUrl(upstream.port())));
    }

    protected ProviderSettings settings(String baseUrl) {
        return new ProviderSettings("stub-" + type(), type(), baseUrl, Optional.of("sk-test-key"), TIMEOUT,
                Duration.ofMillis(500), TIMEOUT, Optional.empty(), Map.of(), 8);
    }

    protected static ChatRequest question(String text) {
        return request(text, false, null);
    }

    protected static ChatRequest request(String text, boolean stream, Boolean logprobs) {
        return new ChatRequest("upstream-model", List.of(ChatMessage.of("system", "Be brief."),
                ChatMessage.of("user", text)), stream ? Boolean.TRUE : null, null, 0.2, null, null, 64, null, null,
                null, null, logprobs, logprobs == null ? null : 2, null, null, null, null, null, null, null, null);
    }

    private static ProviderFailure failureOf(Throwable thrown) {
        assertThat(thrown).isInstanceOf(ProviderException.class);
        return ((ProviderException) thrown).failure();
    }

    @Test
    void plainAnswerCarriesTextFinishReasonAndUsage() {
        stubAnswer("The refund window is 30 days.", 21, 9);

        ChatResponse answer = provider().chat(question("How long is the refund window?")).await().atMost(
                Duration.ofSeconds(5));

        assertThat(answer.firstText()).isEqualTo("The refund window is 30 days.");
        assertThat(answer.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(answer.usage().promptTokens()).isEqualTo(21);
        assertThat(answer.usage().completionTokens()).isEqualTo(9);
        assertThat(answer.usage().totalTokens()).isEqualTo(30);
    }

    @Test
    void outgoingRequestCarriesModelMessagesAndKey() {
        stubAnswer("ok", 3, 1);

        provider().chat(question("ping")).await().atMost(Duration.ofSeconds(5));

        List<LoggedRequest> requests = upstream.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(requests).hasSize(1);
        assertOutgoingRequest(requests.get(0), "upstream-model", "sk-test-key");
    }

    @Test
    void streamedAnswerArrivesInPiecesWithUsageLast() {
        stubStream(List.of("The refund ", "window is ", "30 days."), 21, 9);

        List<ChatChunk> chunks = provider().stream(request("How long?", true, null)).collect().asList().await()
                .atMost(Duration.ofSeconds(5));

        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> {
            if (c.textDelta() != null) {
                text.append(c.textDelta());
            }
        });
        assertThat(text.toString()).isEqualTo("The refund window is 30 days.");
        assertThat(chunks.stream().filter(c -> c.textDelta() != null && !c.textDelta().isEmpty()).count())
                .isGreaterThanOrEqualTo(3);
        assertThat(chunks.stream().map(ChatChunk::finishReason).filter(java.util.Objects::nonNull))
                .containsExactly("stop");
        ChatChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.usage()).isNotNull();
        assertThat(last.usage().promptTokens()).isEqualTo(21);
        assertThat(last.usage().completionTokens()).isEqualTo(9);
    }

    @Test
    void errorEventMidStreamFailsTheStreamAfterThePiecesSent() {
        stubStreamWithErrorEvent(List.of("Partial ", "answer"), "overloaded");
        var received = new java.util.ArrayList<ChatChunk>();

        assertThatThrownBy(() -> provider().stream(request("q", true, null)).onItem().invoke(received::add)
                .collect().asList().await().atMost(Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(failureOf(e)).isInstanceOf(ProviderFailure.StreamInterrupted.class));
        assertThat(received).isNotEmpty();
    }

    @Test
    void streamCutBeforeItsEndFailsInsteadOfEndingQuietly() {
        stubStreamCut(List.of("Partial ", "answer"));

        assertThatThrownBy(() -> provider().stream(request("q", true, null)).collect().asList().await()
                .atMost(Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(failureOf(e)).isInstanceOf(ProviderFailure.StreamInterrupted.class));
    }

    @Test
    void logprobsAreMappedWhenTheAdapterSupportsThem() {
        ChatProvider provider = provider();
        org.junit.jupiter.api.Assumptions.assumeTrue(provider.capabilities().contains(Capability.LOGPROBS),
                type() + " has no logprobs");
        stubAnswerWithLogprobs("Yes", List.of(-0.01, -0.5));

        ChatResponse answer = provider.chat(request("q", false, true)).await().atMost(Duration.ofSeconds(5));

        var tokens = answer.choices().get(0).logprobs().content();
        assertThat(tokens).extracting(t -> t.logprob()).containsExactly(-0.01, -0.5);
    }

    @Test
    void badRequestIsRejectedWithTheVendorsMessage() {
        stubError(400, "max_tokens is too large", Map.of());

        assertThatThrownBy(() -> provider().chat(question("q")).await().atMost(Duration.ofSeconds(5)))
                .satisfies(e -> {
                    var failure = failureOf(e);
                    assertThat(failure).isInstanceOf(ProviderFailure.Rejected.class);
                    assertThat(((ProviderFailure.Rejected) failure).callerAtFault()).isTrue();
                    assertThat(failure.message()).contains("max_tokens is too large");
                });
    }

    @Test
    void refusedCredentialsAreReportedWithoutEchoingTheUpstreamText() {
        stubError(401, "Incorrect API key provided: sk-test-***", Map.of());

        assertThatThrownBy(() -> provider().chat(question("q")).await().atMost(Duration.ofSeconds(5)))
                .satisfies(e -> {
                    var failure = failureOf(e);
                    assertThat(failure.kind()).isEqualTo("auth_rejected");
                    assertThat(failure.message()).doesNotContain("sk-test").contains("api-key");
                });
    }

    @Test
    void rateLimitKeepsRetryAfter() {
        stubError(429, "slow down", Map.of("Retry-After", "7"));

        assertThatThrownBy(() -> provider().chat(question("q")).await().atMost(Duration.ofSeconds(5)))
                .satisfies(e -> {
                    var failure = (ProviderFailure.RateLimited) failureOf(e);
                    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void serverErrorsAreServerErrors() {
        for (int status : new int[] {500, 502, 503}) {
            upstream.resetAll();
            stubError(status, "upstream broke", Map.of());

            assertThatThrownBy(() -> provider().chat(question("q")).await().atMost(Duration.ofSeconds(5)))
                    .satisfies(e -> assertThat(failureOf(e)).isEqualTo(
                            new ProviderFailure.ServerError("stub-" + type(), status, "upstream broke")));
        }
    }

    @Test
    void errorBeforeTheFirstChunkFailsTheStreamWithTheMappedFailure() {
        stubError(503, "overloaded", Map.of());

        assertThatThrownBy(() -> provider().stream(request("q", true, null)).collect().asList().await()
                .atMost(Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(failureOf(e)).isInstanceOf(ProviderFailure.ServerError.class));
    }

    @Test
    void slowAnswerTimesOut() {
        stubSlow(TIMEOUT.multipliedBy(3));

        assertThatThrownBy(() -> provider().chat(question("q")).await().atMost(Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(failureOf(e)).isInstanceOf(ProviderFailure.Timeout.class));
    }

    @Test
    void refusedConnectionIsConnectFailed() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChatProvider unreachable = create(vertx, settings(baseUrl(closedPort)));

        assertThatThrownBy(() -> unreachable.chat(question("q")).await().atMost(Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(failureOf(e)).isInstanceOf(ProviderFailure.ConnectFailed.class));
    }
}
