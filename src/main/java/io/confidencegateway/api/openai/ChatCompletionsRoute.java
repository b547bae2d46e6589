package io.confidencegateway.api.openai;

import java.io.IOException;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.confidencegateway.access.Callers;
import io.confidencegateway.access.LimitExceeded;
import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.pipeline.AnswerPipeline;
import io.confidencegateway.inference.GatewayError;
import io.confidencegateway.api.openai.ProductChat;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.confidencegateway.inference.InferenceFailure;
import io.confidencegateway.inference.InferenceService;
import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.api.HttpConfig;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible, as a Vert.x route: the whole exchange stays on the event
 * loop, and a stream is written chunk by chunk as the provider sends it (with back-pressure from the client's
 * socket). Errors use OpenAI's error shape; a stream that breaks after it started ends with an error event, never
 * with a quiet {@code [DONE]}. Described in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class ChatCompletionsRoute {

    static final String PATH = "/v1/chat/completions";
    /** The header that addresses a product (alternatively: model "product/<id>"). */
    static final String PRODUCT_HEADER = "X-Gateway-Product";
    private static final String API = "chat_completions";
    private static final Logger LOG = Logger.getLogger(ChatCompletionsRoute.class);
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final InferenceService inference;
    private final ProductChat productChat;
    private final GatewayMetrics metrics;
    private final ObjectMapper json;
    private final ObjectReader requestReader;
    private final long maxBodyBytes;

    public ChatCompletionsRoute(InferenceService inference, ProductChat productChat, GatewayMetrics metrics,
            ObjectMapper json,
            HttpConfig http) {
        this.inference = inference;
        this.productChat = productChat;
        this.metrics = metrics;
        this.json = json;
        this.requestReader = json.readerFor(ChatRequest.class);
        this.maxBodyBytes = http.maxBodySize().asLongValue();
    }

    void register(@Observes Router router) {
        router.post(PATH).order(-1)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::handle)
                .failureHandler(this::onRouteFailure);
        // Without this, other methods fell through to JAX-RS and got a problem+json 404, which SDKs cannot read.
        router.route(PATH).order(-1).handler(this::methodNotAllowed);
    }

    private void methodNotAllowed(RoutingContext context) {
        String method = context.request().method().name();
        context.response().putHeader("Allow", "POST");
        reply(context, new OpenAiError.WithStatus(405, new OpenAiError(new OpenAiError.Body("Method " + method
                + " is not allowed on " + PATH + "; send POST with a JSON chat completion request",
                "invalid_request_error", null, "method_not_allowed"))), null);
    }

    private void handle(RoutingContext context) {
        Buffer body = context.body().buffer();
        if (body == null || body.length() == 0) {
            reply(context, OpenAiError.invalid(null, "The request body is empty: send a JSON chat completion "
                    + "request with 'model' and 'messages'"), null);
            return;
        }
        ChatRequest request;
        try {
            request = requestReader.readValue(body.getBytes());
        } catch (JsonProcessingException unreadable) {
            reply(context, OpenAiError.invalid(JsonErrors.pathOf(unreadable), JsonErrors.messageOf(unreadable)), null);
            return;
        } catch (IOException unreadable) {
            reply(context, OpenAiError.invalid(null, "The request body could not be read"), null);
            return;
        }
        if (request == null) {
            reply(context, OpenAiError.invalid(null, "The request body must be a JSON object"), null);
            return;
        }
        var invalid = ChatRequestValidator.invalid(request);
        if (invalid.isPresent()) {
            reply(context, OpenAiError.of(invalid.get()), null);
            return;
        }
        String product = ProductChat.productOf(request, context.request().getHeader(PRODUCT_HEADER));
        var denied = Callers.scopeDenial(context, product, product == null ? request.model() : null);
        if (denied.isPresent()) {
            reply(context, new OpenAiError.WithStatus(403, new OpenAiError(new OpenAiError.Body(denied.get().detail(),
                    "invalid_request_error", product == null ? "model" : null, denied.get().code()))), null);
            return;
        }
        if (product != null) {
            answerForProduct(context, product, request);
            return;
        }
        InferenceService.Prepared prepared;
        try {
            prepared = inference.prepare(request);
        } catch (GatewayError.Rejection rejection) {
            reply(context, OpenAiError.of(rejection.error()), null);
            return;
        }
        String id = prepared.id().toString();
        if (request.streaming()) {
            inference.stream(prepared).subscribe().withSubscriber(new SseWriter(context, () -> id));
        } else {
            inference.complete(prepared).subscribe().with(
                    answer -> {
                        HttpServerResponse response = context.response();
                        if (response.closed()) {
                            return;
                        }
                        identify(response, id).setStatusCode(200).putHeader("Content-Type", "application/json");
                        response.end(encode(OpenAiShapes.completion(answer)));
                        metrics.countRequest(API, "ok", 200);
                    },
                    failure -> reply(context, errorFor(failure), id));
        }
    }

    /** The product pipeline behind the OpenAI surface: same answer, OpenAI's shape, the verdict in "gateway". */
    private void answerForProduct(RoutingContext context, String product, ChatRequest request) {
        if (request.streaming()) {
            var id = new java.util.concurrent.atomic.AtomicReference<String>();
            Multi<ChatChunk> chunks;
            try {
                chunks = productChat.stream(product, request, id::set);
            } catch (RuntimeException rejected) {
                reply(context, errorFor(rejected), null);
                return;
            }
            chunks.subscribe().withSubscriber(new SseWriter(context, id::get));
            return;
        }
        Uni<ChatResponse> answer;
        try {
            answer = productChat.complete(product, request);
        } catch (RuntimeException rejected) {
            reply(context, errorFor(rejected), null);
            return;
        }
        answer.subscribe().with(response -> {
            HttpServerResponse http = context.response();
            if (http.closed()) {
                return;
            }
            var answered = (AnswerPipeline.Answered) response.gateway();
            identify(http, answered.response().id()).putHeader("X-Gateway-Confidence",
                    String.format(java.util.Locale.ROOT, "%.2f", answered.response().confidence()))
                    .setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(encode(OpenAiShapes.completion(response)));
            metrics.countRequest(API, "ok", 200);
        }, failure -> reply(context, errorFor(failure), null));
    }

    private OpenAiError.WithStatus errorFor(Throwable failure) {
        if (failure instanceof InferenceFailure inferenceFailure) {
            return OpenAiError.of(inferenceFailure.failure());
        }
        if (failure instanceof GatewayError.Rejection rejection) {
            return OpenAiError.of(rejection.error());
        }
        if (failure instanceof ProblemException problem) {
            return OpenAiError.of(problem.problem());
        }
        if (failure instanceof LimitExceeded limit) {
            return new OpenAiError.WithStatus(429, new OpenAiError(new OpenAiError.Body(limit.getMessage(),
                    limit.code(), null, limit.code())), limit.retryAfterSeconds());
        }
        LOG.error("Chat completion failed unexpectedly", failure);
        return OpenAiError.internal();
    }

    private void reply(RoutingContext context, OpenAiError.WithStatus error, String inferenceId) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (inferenceId != null) {
            identify(response, inferenceId);
        }
        if (error.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json").end(encode(error.body()));
        metrics.countRequest(API, error.body().error().code(), error.status());
    }

    private void onRouteFailure(RoutingContext context) {
        if (context.statusCode() == 413) {
            reply(context, new OpenAiError.WithStatus(413, new OpenAiError(new OpenAiError.Body(
                    "The request body is larger than " + maxBodyBytes + " bytes (gateway.http.max-body-size); "
                            + "send fewer or shorter messages", "invalid_request_error", null, "request_too_large"))),
                    null);
            return;
        }
        if (context.failure() != null) {
            LOG.error("Chat completion route failed", context.failure());
        }
        reply(context, OpenAiError.internal(), null);
    }

    private static HttpServerResponse identify(HttpServerResponse response, String inferenceId) {
        return response.putHeader("X-Inference-Id", inferenceId).putHeader("x-request-id", inferenceId);
    }

    private Buffer encode(Object value) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(value));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("response could not be encoded", impossible);
        }
    }

    private Buffer event(Object value) {
        try {
            byte[] payload = json.writeValueAsBytes(value);
            return Buffer.buffer(payload.length + 8).appendString("data: ").appendBytes(payload).appendString("\n\n");
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("chunk could not be encoded", impossible);
        }
    }

    /**
     * Writes one stream to the client, asking the provider for the next chunk only when the socket can take it. The
     * first event goes out at once (time to first token); later events that arrive in the same event-loop turn
     * (an upstream read usually carries several) are written together, one socket write instead of one per chunk:
     * per-chunk writes were a third of the streaming CPU (#7). Callbacks may come from another event loop or a worker
     * (product streams are grounded on a worker), hence the lock; the end-of-turn flush runs on the request's loop.
     */
    private final class SseWriter implements MultiSubscriber<ChatChunk> {

        /** Above this many pending bytes the events are written without waiting for the end of the turn. */
        private static final int COALESCE_LIMIT = 32 * 1024;

        private final RoutingContext context;
        private final HttpServerResponse response;
        private final java.util.function.Supplier<String> id;
        private final io.vertx.core.Context loop;
        private Flow.Subscription subscription;
        private boolean headersSent;
        private volatile boolean done;
        private Buffer pending;
        private boolean flushScheduled;

        SseWriter(RoutingContext context, java.util.function.Supplier<String> id) {
            this.context = context;
            this.response = context.response();
            this.id = id;
            this.loop = io.vertx.core.Vertx.currentContext();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            response.closeHandler(closed -> {
                if (!done) {
                    done = true;
                    subscription.cancel();
                    metrics.countRequest(API, "client_disconnected", 499);
                }
            });
            subscription.request(1);
        }

        @Override
        public synchronized void onItem(ChatChunk chunk) {
            if (done) {
                return;
            }
            Buffer event = event(OpenAiShapes.chunk(chunk));
            if (!headersSent) {
                startIfNeeded();
                response.write(event);
            } else {
                coalesce(event);
            }
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> subscription.request(1));
            } else {
                subscription.request(1);
            }
        }

        private void coalesce(Buffer event) {
            if (pending == null) {
                pending = Buffer.buffer(Math.max(256, event.length() * 8));
            }
            pending.appendBuffer(event);
            if (pending.length() >= COALESCE_LIMIT || loop == null) {
                flush();
            } else if (!flushScheduled) {
                flushScheduled = true;
                loop.runOnContext(ignored -> flush());
            }
        }

        private synchronized void flush() {
            flushScheduled = false;
            if (pending != null && pending.length() > 0 && !response.ended() && !response.closed()) {
                response.write(pending);
            }
            pending = null;
        }

        /** The pending events followed by the last one, as the response's final write. */
        private Buffer finalWrite(Buffer last) {
            Buffer all = pending == null ? last : pending.appendBuffer(last);
            pending = null;
            return all;
        }

        @Override
        public synchronized void onFailure(Throwable failure) {
            if (done) {
                return;
            }
            done = true;
            OpenAiError.WithStatus error = errorFor(failure);
            if (!headersSent) {
                reply(context, error, id.get());
                return;
            }
            response.end(finalWrite(event(error.body())));
            metrics.countRequest(API, "stream_interrupted", 200);
        }

        @Override
        public synchronized void onCompletion() {
            if (done) {
                return;
            }
            done = true;
            startIfNeeded();
            response.end(finalWrite(DONE));
            metrics.countRequest(API, "ok", 200);
        }

        private void startIfNeeded() {
            if (headersSent) {
                return;
            }
            headersSent = true;
            if (id.get() != null) {
                identify(response, id.get());
            }
            response.setStatusCode(200).setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
        }
    }
}
