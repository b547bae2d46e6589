package io.confidencegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The drain filter in front of a real Vert.x router: requests pass until the shutdown starts, then every API request
 * is refused with a 503 in the path's error shape that says to retry, while health and metrics still answer.
 */
class ShutdownDrainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The drain's clock: tests move it instead of waiting. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private ShutdownDrain serve(Optional<Duration> delay, boolean devMode) throws Exception {
        ShutdownDrain drain = new ShutdownDrain(JSON, delay, devMode, now::get);
        Router router = Router.router(vertx);
        drain.register(router);
        router.route().handler(context -> context.response().setStatusCode(200).end("served"));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return drain;
    }

    private HttpResponse<String> post(String path) throws Exception {
        return send(HTTP, path);
    }

    private HttpResponse<String> send(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsAreServedUntilTheShutdownStarts() throws Exception {
        ShutdownDrain drain = serve(Optional.empty(), false);

        HttpResponse<String> answer = post("/v1/answers");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("served");
        assertThat(drain.draining()).isFalse();
    }

    @Test
    void aNativeApiRequestAfterTheShutdownStartsGetsAProblemThatSaysToRetry() throws Exception {
        ShutdownDrain drain = serve(Optional.empty(), false);
        drain.stopping(new ShutdownDelayInitiatedEvent());

        HttpResponse<String> answer = post("/v1/answers");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answer.headers().firstValue("Connection")).hasValue("close");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("title").asText()).isEqualTo("Service Unavailable");
        assertThat(problem.path("code").asText()).isEqualTo("shutting_down");
        assertThat(problem.path("detail").asText()).contains("shutting down").contains("nothing of this request was "
                + "stored").contains("Send it again");
    }

    @Test
    void anOpenAiRequestAfterTheShutdownStartsGetsOpenAisErrorShape() throws Exception {
        ShutdownDrain drain = serve(Optional.empty(), false);
        drain.stopping(new ShutdownDelayInitiatedEvent());

        HttpResponse<String> completion = post("/v1/chat/completions");

        assertThat(completion.statusCode()).isEqualTo(503);
        assertThat(completion.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = JSON.readTree(completion.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("code").asText()).isEqualTo("shutting_down");
        assertThat(error.path("message").asText()).contains("shutting down");
    }

    @Test
    void healthAndMetricsStillAnswerWhileStopping() throws Exception {
        ShutdownDrain drain = serve(Optional.empty(), false);
        drain.stopping(new ShutdownDelayInitiatedEvent());

        assertThat(post("/q/health/live").statusCode()).isEqualTo(200);
        assertThat(post("/q/metrics").statusCode()).isEqualTo(200);
        assertThat(post("/qa").statusCode()).as("only the /q/ tree is exempt").isEqualTo(503);
    }

    @Test
    void withAShutdownDelayRequestsAreServedUntilTheDelayHasPassedSinceTheEvent() throws Exception {
        ShutdownDrain drain = serve(Optional.of(Duration.ofSeconds(5)), false);
        drain.stopping(new ShutdownDelayInitiatedEvent());

        now.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(post("/v1/answers").statusCode()).as("during the delay").isEqualTo(200);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(post("/v1/answers").statusCode()).as("once the delay has passed").isEqualTo(503);
    }

    @Test
    void aDelayUnderOneMillisecondOrInDevModeIsNoDelayAsForQuarkus() throws Exception {
        ShutdownDrain tiny = serve(Optional.of(Duration.ofNanos(900_000)), false);
        tiny.stopping(new ShutdownDelayInitiatedEvent());
        assertThat(post("/v1/answers").statusCode()).as("0.9 ms").isEqualTo(503);
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        ShutdownDrain dev = serve(Optional.of(Duration.ofMinutes(5)), true);
        dev.stopping(new ShutdownDelayInitiatedEvent());
        assertThat(post("/v1/answers").statusCode()).as("dev mode").isEqualTo(503);
    }

    @Test
    void overHttp2TheRefusalCarriesNoConnectionHeader() throws Exception {
        ShutdownDrain drain = serve(Optional.empty(), false);
        drain.stopping(new ShutdownDelayInitiatedEvent());
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // The first request on a connection goes out as HTTP/1.1 with an h2c upgrade; the second is HTTP/2.
        send(http2, "/q/health/live");

        HttpResponse<String> answer = send(http2, "/v1/answers");

        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Connection")).isEmpty();
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aPathThatOnlyLooksExemptIsRefused() throws Exception {
        ShutdownDrain drain = serve(Optional.empty(), false);
        drain.stopping(new ShutdownDelayInitiatedEvent());

        assertThat(post("/q/../v1/answers").statusCode()).isEqualTo(503);
    }
}
