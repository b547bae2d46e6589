package io.confidencegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.inference.InferenceService;
import io.confidencegateway.api.openai.ProductChat;
import io.confidencegateway.review.ReviewPage;
import io.confidencegateway.review.ReviewQueue;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** An unexpected failure keeps its stack trace in the log, and the caller gets a plain 500 without it. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class UnexpectedFailureLogTest {

    private static final String SECRET_DETAIL = "internal detail that stays in the log";
    private static final List<String> LOGGERS = List.of("io.confidencegateway.api.ProblemMappers",
            "io.confidencegateway.api.openai.ChatCompletionsRoute");

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        LOGGERS.forEach(name -> java.util.logging.Logger.getLogger(name).addHandler(capture));
    }

    @AfterEach
    void stopListening() {
        LOGGERS.forEach(name -> java.util.logging.Logger.getLogger(name).removeHandler(capture));
    }

    @Test
    void aNativeRouteThatFailsUnexpectedlyLogsTheStackTraceAndAnswersAPlain500() {
        QuarkusMock.installMockForType(new ReviewQueue(null, null, null, null, null, null, null, List.of()) {
            @Override
            public Uni<ReviewPage> list(String status, String product, java.util.Collection<String> scope,
                    String page, String size) {
                throw new IllegalStateException(SECRET_DETAIL);
            }
        }, ReviewQueue.class);

        String body = given().get("/v1/reviews").then().statusCode(500).contentType("application/problem+json")
                .body("title", equalTo("Internal Server Error"))
                .body("detail", equalTo("The gateway failed unexpectedly; the error is logged. Retry, and report it "
                        + "if it persists."))
                .extract().asString();

        assertThat(body).doesNotContain(SECRET_DETAIL, "IllegalStateException", "at io.confidencegateway");
        assertLoggedWithStackTrace("io.confidencegateway.api.ProblemMappers");
    }

    @Test
    void aChatCompletionThatFailsUnexpectedlyLogsTheStackTraceAndAnswersOpenAisPlain500() {
        QuarkusMock.installMockForType(new ProductChat(null) {
            @Override
            public Uni<ChatResponse> complete(String productId, ChatRequest caller) {
                return Uni.createFrom().failure(new IllegalStateException(SECRET_DETAIL));
            }
        }, ProductChat.class);

        String body = given().contentType("application/json").header("X-Gateway-Product", "support-copilot")
                .body("{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(500).contentType("application/json")
                .body("error.type", equalTo("server_error")).extract().asString();

        assertThat(body).doesNotContain(SECRET_DETAIL, "IllegalStateException", "at io.confidencegateway");
        assertLoggedWithStackTrace("io.confidencegateway.api.openai.ChatCompletionsRoute");
    }

    @Test
    void aChatRouteThatThrowsLogsTheStackTraceAndAnswersOpenAisPlain500() {
        QuarkusMock.installMockForType(new InferenceService(null, null, null, null, null) {
            @Override
            public Prepared prepare(ChatRequest request) {
                throw new IllegalStateException(SECRET_DETAIL);
            }
        }, InferenceService.class);

        String body = given().contentType("application/json")
                .body("{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(500).contentType("application/json")
                .body("error.type", equalTo("server_error")).extract().asString();

        assertThat(body).doesNotContain(SECRET_DETAIL, "IllegalStateException", "at io.confidencegateway");
        assertLoggedWithStackTrace("io.confidencegateway.api.openai.ChatCompletionsRoute");
    }

    private void assertLoggedWithStackTrace(String logger) {
        assertThat(logged).filteredOn(r -> r.getLoggerName().equals(logger))
                .as("an error logged by %s with the failure attached", logger)
                .anySatisfy(record -> {
                    assertThat(record.getThrown()).isInstanceOf(IllegalStateException.class)
                            .hasMessage(SECRET_DETAIL);
                    assertThat(record.getThrown().getStackTrace()).isNotEmpty();
                });
    }
}
