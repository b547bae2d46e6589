package io.confidencegateway.provider.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.ProviderSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Non-blocking HTTP to one upstream, on Vert.x's client: whole JSON exchanges and line streams (SSE, NDJSON),
 * with the provider's timeouts enforced on Vert.x timers (so callbacks stay on the caller's event loop) and
 * every failure mapped to a {@link ProviderFailure}. Cancelling a stream resets the upstream request.
 */
public final class UpstreamClient {

    private final Vertx vertx;
    private final HttpClient client;
    private final ProviderSettings settings;

    public UpstreamClient(Vertx vertx, ProviderSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        var options = new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(true)
                .setName("upstream-" + settings.name());
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.maxConnections()));
    }

    private final java.util.concurrent.ConcurrentHashMap<String, RequestOptions> parsedUrls =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Posts a request and reads the whole answer within the provider's timeout: the body of a 2xx answer, or a
     * failure with the {@link ProviderFailure} its status maps to (429 with Retry-After, 5xx, 401…).
     */
    public Uni<Buffer> post(String url, Map<String, String> headers, Buffer body) {
        return Uni.createFrom().emitter(emitter -> {
            var finished = new AtomicBoolean();
            var request = new AtomicReference<HttpClientRequest>();
            long timer = vertx.setTimer(settings.timeout().toMillis(), id -> {
                if (finished.compareAndSet(false, true)) {
                    reset(request.get());
                    emitter.fail(failure(new ProviderFailure.Timeout(settings.name(), settings.timeout(), "response")));
                }
            });
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                if (finished.compareAndSet(false, true)) {
                    reset(request.get());
                }
            });
            open(url, headers, body, emitter, finished, request, response -> response.body().onComplete(read -> {
                if (finished.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    int status = response.statusCode();
                    if (read.succeeded() && status >= 200 && status < 300) {
                        emitter.complete(read.result());
                    } else if (read.succeeded()) {
                        emitter.fail(failure(UpstreamErrors.fromStatus(settings.name(), status, response.headers(),
                                read.result().toString())));
                    } else {
                        emitter.fail(failure(UpstreamErrors.fromThrowable(settings.name(), read.cause(), false)));
                    }
                }
            }));
        });
    }

    /**
     * Sends a request and emits the answer's lines as they arrive (without line terminators). A non-2xx answer
     * fails the stream with the mapped failure before any line; a stream that breaks after its first byte fails
     * with {@link ProviderFailure.StreamInterrupted}. The first byte must come within the provider's timeout, and
     * each later line within its stream idle timeout.
     */
    public Multi<String> lines(String url, Map<String, String> headers, Buffer body) {
        return Multi.createFrom().emitter(emitter -> {
            var finished = new AtomicBoolean();
            var request = new AtomicReference<HttpClientRequest>();
            var timer = new AtomicReference<Long>();
            var started = new AtomicBoolean();
            Runnable arm = () -> {
                Duration wait = started.get() ? settings.streamIdleTimeout() : settings.timeout();
                Long previous = timer.getAndSet(vertx.setTimer(wait.toMillis(), id -> {
                    if (finished.compareAndSet(false, true)) {
                        reset(request.get());
                        emitter.fail(failure(started.get()
                                ? new ProviderFailure.StreamInterrupted(settings.name(),
                                        "no data for " + wait.toMillis() + " ms")
                                : new ProviderFailure.Timeout(settings.name(), wait, "first byte")));
                    }
                }));
                if (previous != null) {
                    vertx.cancelTimer(previous);
                }
            };
            arm.run();
            emitter.onTermination(() -> {
                Long pending = timer.get();
                if (pending != null) {
                    vertx.cancelTimer(pending);
                }
                if (finished.compareAndSet(false, true)) {
                    reset(request.get());
                }
            });
            open(url, headers, body, emitter, finished, request, response -> {
                if (response.statusCode() < 200 || response.statusCode() >= 300) {
                    response.body().onComplete(read -> {
                        if (finished.compareAndSet(false, true)) {
                            emitter.fail(failure(UpstreamErrors.fromStatus(settings.name(), response.statusCode(),
                                    response.headers(), read.succeeded() ? read.result().toString() : "")));
                        }
                    });
                    return;
                }
                var splitter = new LineSplitter(line -> {
                    if (!finished.get()) {
                        emitter.emit(line);
                    }
                });
                response.handler(chunk -> {
                    if (finished.get()) {
                        return;
                    }
                    started.set(true);
                    arm.run();
                    splitter.accept(chunk);
                });
                response.exceptionHandler(error -> {
                    if (finished.compareAndSet(false, true)) {
                        emitter.fail(failure(UpstreamErrors.fromThrowable(settings.name(), error, true)));
                    }
                });
                response.endHandler(end -> {
                    if (!finished.get()) {
                        splitter.finish();
                    }
                    if (finished.compareAndSet(false, true)) {
                        Long pending = timer.get();
                        if (pending != null) {
                            vertx.cancelTimer(pending);
                        }
                        emitter.complete();
                    }
                });
            });
        });
    }

    private void open(String url, Map<String, String> headers, Buffer body,
            Object emitter, AtomicBoolean finished, AtomicReference<HttpClientRequest> request,
            io.vertx.core.Handler<HttpClientResponse> onResponse) {
        // Parsing the URL (java.net.URL) on every request showed in the pass-through profile; a provider calls a
        // handful of fixed URLs, so each is parsed once and copied.
        var options = new RequestOptions(parsedUrls.computeIfAbsent(url, u -> new RequestOptions().setAbsoluteURI(u)))
                .setMethod(HttpMethod.POST);
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                fail(emitter, finished, UpstreamErrors.fromThrowable(settings.name(), opened.cause(), false));
                return;
            }
            HttpClientRequest req = opened.result();
            request.set(req);
            // Without a handler Vert.x logs every request exception at ERROR, including the "Stream reset" of a
            // request we reset ourselves (client gone, timeout): not an error for ops. Anything else fails the call.
            // Once the answer has begun, its own handlers report failures (as an interrupted stream).
            var answered = new AtomicBoolean();
            req.exceptionHandler(error -> {
                if (!answered.get()) {
                    fail(emitter, finished, UpstreamErrors.fromThrowable(settings.name(), error, false));
                }
            });
            if (finished.get()) {
                reset(req);
                return;
            }
            settings.headers().forEach(req::putHeader);
            headers.forEach(req::putHeader);
            req.send(body).onComplete(sent -> {
                if (sent.failed()) {
                    fail(emitter, finished, UpstreamErrors.fromThrowable(settings.name(), sent.cause(), false));
                } else if (!finished.get()) {
                    answered.set(true);
                    onResponse.handle(sent.result());
                }
            });
        });
    }

    private static void fail(Object emitter, AtomicBoolean finished, ProviderFailure failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (emitter instanceof UniEmitter<?> uni) {
            uni.fail(failure(failure));
        } else if (emitter instanceof MultiEmitter<?> multi) {
            multi.fail(failure(failure));
        }
    }

    private static ProviderException failure(ProviderFailure failure) {
        return new ProviderException(failure);
    }

    private static void reset(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }


    /** A request body as JSON bytes. */
    public static Buffer json(com.fasterxml.jackson.databind.ObjectMapper mapper, Object body) {
        try {
            return Buffer.buffer(mapper.writeValueAsBytes(body));
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException("request body could not be encoded", impossible);
        }
    }

    /** The headers with {@code Accept} set (a provider builds each set once). */
    public static Map<String, String> accepting(Map<String, String> headers, String accept) {
        var all = new java.util.HashMap<>(headers);
        all.put("Accept", accept);
        return Map.copyOf(all);
    }

    /** Closes the connection pool (at shutdown). */
    public void close() {
        client.close();
    }
}
