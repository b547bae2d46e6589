package io.confidencegateway.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.metrics.GatewayTracing;
import io.confidencegateway.metrics.ModelCallSpan;
import io.confidencegateway.privacy.SecretScrubber;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Serves a request over an ordered list of targets: each provider is retried where that is safe (connection
 * refused, 429 with a short Retry-After, 502/503) with jittered back-off, skipped while its circuit breaker is
 * open, and on failure the next target is tried. A stream fails over only before its first chunk of content
 * (a chunk that only opens the message is held back until then); after that a failure reaches the caller.
 * Every attempt is traced and counted. A request the upstream rejects as invalid is not retried elsewhere: it
 * would be invalid there too.
 */
@ApplicationScoped
public class FallbackRouter {

    private final ProviderRegistry registry;
    private final GatewayMetrics metrics;
    private final ProvidersConfig.Routing routing;
    private final ProvidersConfig config;
    private final SecretScrubber scrubber;
    private final GatewayTracing tracing;

    public FallbackRouter(ProviderRegistry registry, GatewayMetrics metrics, ProvidersConfig config,
            GatewayTracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        this.metrics = metrics;
        this.routing = config.routing();
        this.config = config;
        var secrets = new ArrayList<String>();
        config.providers().values().forEach(provider -> {
            provider.apiKey().ifPresent(secrets::add);
            secrets.addAll(provider.headers().values());
        });
        this.scrubber = new SecretScrubber(secrets);
    }

    /**
     * Every provider failure enters the gateway here, so this is where upstream text loses anything key-like:
     * from here on it goes into attempts, records, logs, provider state and the caller's error.
     */
    private Throwable scrubbed(Throwable error) {
        return error instanceof ProviderException failed
                ? new ProviderException(failed.failure().scrubbed(scrubber::scrub)) : error;
    }

    /** The first whole answer along the targets. */
    public Uni<ChatResponse> chat(List<ModelCatalog.Target> targets, Function<ModelCatalog.Target, ChatRequest> request,
            RouteTrace trace) {
        return chat(targets, request, trace, null);
    }

    /**
     * The first whole answer along the targets that may serve {@code residency} (null: any); the others are skipped
     * without a call, at every step ({@link ResidencyPolicy}).
     */
    public Uni<ChatResponse> chat(List<ModelCatalog.Target> targets, Function<ModelCatalog.Target, ChatRequest> request,
            RouteTrace trace, String residency) {
        return chatFrom(0, targets, request, trace, null, residency);
    }

    /** The first stream along the targets that produces a chunk. */
    public Multi<ChatChunk> stream(List<ModelCatalog.Target> targets,
            Function<ModelCatalog.Target, ChatRequest> request, RouteTrace trace) {
        return stream(targets, request, trace, null);
    }

    /** The first stream along the targets that may serve {@code residency} (null: any) and produces a chunk. */
    public Multi<ChatChunk> stream(List<ModelCatalog.Target> targets,
            Function<ModelCatalog.Target, ChatRequest> request, RouteTrace trace, String residency) {
        return streamFrom(0, targets, request, trace, null, residency);
    }

    /**
     * The failure a target outside the residency counts as, recorded as a skipped attempt; null when it may serve.
     * It is never called, and its circuit breaker is left alone.
     */
    private ProviderException outOfRegion(ModelCatalog.Target target, String residency, RouteTrace trace) {
        ResidencyPolicy.Placement placement = registry.placement(target.provider().id());
        if (ResidencyPolicy.allows(residency, placement)) {
            return null;
        }
        String why = ResidencyPolicy.outside(residency, placement);
        trace.add(new Attempt(target.provider().id(), target.upstreamModel(), "out_of_region", "skipped: " + why, 0));
        metrics.recordAttempt(target.provider().id(), target.upstreamModel(), "out_of_region", 0);
        return new ProviderException(new ProviderFailure.OutOfRegion(target.provider().id(), why));
    }

    private Uni<ChatResponse> chatFrom(int index, List<ModelCatalog.Target> targets,
            Function<ModelCatalog.Target, ChatRequest> request, RouteTrace trace, ProviderException last,
            String residency) {
        if (index == targets.size()) {
            return Uni.createFrom().failure(exhausted(trace, last));
        }
        ModelCatalog.Target target = targets.get(index);
        ProviderException outside = outOfRegion(target, residency, trace);
        if (outside != null) {
            return chatFrom(index + 1, targets, request, trace, last == null ? outside : last, residency);
        }
        CircuitBreaker breaker = registry.breaker(target.provider().id());
        if (!breaker.tryAcquire()) {
            skip(target, trace);
            return chatFrom(index + 1, targets, request, trace, last, residency);
        }
        return tryChat(target, request.apply(target), trace, 0)
                .onItem().invoke(answer -> {
                    breaker.onSuccess();
                    registry.recordSuccess(target.provider().id());
                    trace.served(target);
                })
                .onFailure(ProviderException.class).recoverWithUni(error -> {
                    var failure = (ProviderException) error;
                    if (callerAtFault(failure)) {
                        breaker.onAbandoned();
                        return Uni.createFrom().failure(failure);
                    }
                    breaker.onFailure();
                    registry.recordFailure(target.provider().id(), failure.failure());
                    return chatFrom(index + 1, targets, request, trace, failure, residency);
                })
                .onCancellation().invoke(breaker::onAbandoned);
    }

    private Uni<ChatResponse> tryChat(ModelCatalog.Target target, ChatRequest request, RouteTrace trace, int retry) {
        return Uni.createFrom().deferred(() -> tryChatNow(target, request, trace, retry));
    }

    private Uni<ChatResponse> tryChatNow(ModelCatalog.Target target, ChatRequest request, RouteTrace trace,
            int retry) {
        long started = System.nanoTime();
        ModelCallSpan span = span(target, request, trace);
        return target.provider().chat(request)
                .onFailure().transform(this::scrubbed)
                .onItemOrFailure().invoke((answer, error) -> {
                    if (error != null) {
                        span.failed(errorType(error));
                        return;
                    }
                    span.responseModel(answer.model());
                    span.usage(answer.usage());
                    span.succeeded(answer.firstText());
                })
                .onCancellation().invoke(() -> span.failed("cancelled"))
                .onItem().invoke(answer -> attempt(target, "ok", null, started, trace))
                .onFailure(ProviderException.class).recoverWithUni(error -> {
                    ProviderFailure failure = ((ProviderException) error).failure();
                    attempt(target, failure.kind(), failure.message(), started, trace);
                    Duration wait = retryDelay(target, failure, retry);
                    if (wait == null) {
                        return Uni.createFrom().failure(error);
                    }
                    return pause(wait).chain(() -> tryChat(target, request, trace, retry + 1));
                });
    }

    private Multi<ChatChunk> streamFrom(int index, List<ModelCatalog.Target> targets,
            Function<ModelCatalog.Target, ChatRequest> request, RouteTrace trace, ProviderException last,
            String residency) {
        if (index == targets.size()) {
            return Multi.createFrom().failure(exhausted(trace, last));
        }
        ModelCatalog.Target target = targets.get(index);
        ProviderException outside = outOfRegion(target, residency, trace);
        if (outside != null) {
            return streamFrom(index + 1, targets, request, trace, last == null ? outside : last, residency);
        }
        CircuitBreaker breaker = registry.breaker(target.provider().id());
        if (!breaker.tryAcquire()) {
            skip(target, trace);
            return streamFrom(index + 1, targets, request, trace, last, residency);
        }
        ChatRequest upstream = request.apply(target);
        return Multi.createFrom().deferred(() -> {
            var emitted = new AtomicBoolean();
            return tryStream(target, upstream, trace, 0, emitted)
                    .onItem().invoke(chunk -> {
                        if (emitted.compareAndSet(false, true)) {
                            breaker.onSuccess();
                            registry.recordSuccess(target.provider().id());
                            trace.served(target);
                        }
                    })
                    .onFailure(ProviderException.class).recoverWithMulti(error -> {
                        var failure = (ProviderException) error;
                        if (callerAtFault(failure)) {
                            breaker.onAbandoned();
                            return Multi.createFrom().failure(failure);
                        }
                        breaker.onFailure();
                        registry.recordFailure(target.provider().id(), failure.failure());
                        if (emitted.get()) {
                            return Multi.createFrom().failure(failure);
                        }
                        return streamFrom(index + 1, targets, request, trace, failure, residency);
                    })
                    .onCancellation().invoke(() -> {
                        if (!emitted.get()) {
                            breaker.onAbandoned();
                        }
                    });
        });
    }

    private Multi<ChatChunk> tryStream(ModelCatalog.Target target, ChatRequest request, RouteTrace trace, int retry,
            AtomicBoolean emitted) {
        return Multi.createFrom().deferred(() -> {
            long started = System.nanoTime();
            var first = new AtomicBoolean(true);
            // Chunks that only open the message (the role, empty text) are held back until the first real content:
            // a provider that fails after them has sent the client nothing, so the next target can still take over.
            var held = new ArrayList<ChatChunk>(1);
            ModelCallSpan span = span(target, request, trace);
            var text = new StringBuilder();
            return target.provider().stream(request)
                    .onFailure().transform(this::scrubbed)
                    .onItem().invoke(chunk -> {
                        span.responseModel(chunk.model());
                        span.usage(chunk.usage());
                        if (chunk.choices() != null) {
                            chunk.choices().forEach(choice -> {
                                if (choice.delta() != null && choice.delta().content() != null) {
                                    text.append(choice.delta().content());
                                }
                            });
                        }
                    })
                    .onCompletion().invoke(() -> span.succeeded(text.toString()))
                    .onFailure().invoke(error -> span.failed(errorType(error)))
                    .onCancellation().invoke(() -> span.failed("cancelled"))
                    .onItem().transformToIterable(chunk -> {
                        if (first.get() && isPreamble(chunk)) {
                            held.add(chunk);
                            return List.<ChatChunk>of();
                        }
                        if (first.compareAndSet(true, false)) {
                            attempt(target, "ok", null, started, trace);
                            metrics.recordFirstToken(target.provider().id(), target.upstreamModel(),
                                    System.nanoTime() - started);
                            var out = new ArrayList<ChatChunk>(held.size() + 1);
                            out.addAll(held);
                            out.add(chunk);
                            held.clear();
                            return out;
                        }
                        return List.of(chunk);
                    })
                    .onCompletion().switchTo(() -> {
                        if (!held.isEmpty() && first.compareAndSet(true, false)) {
                            attempt(target, "ok", null, started, trace);
                            return Multi.createFrom().iterable(List.copyOf(held));
                        }
                        return Multi.createFrom().empty();
                    })
                    .onFailure(ProviderException.class).recoverWithMulti(error -> {
                        ProviderFailure failure = ((ProviderException) error).failure();
                        if (!first.get()) {
                            attempt(target, failure.kind(), "after the first chunk: " + failure.message(), started,
                                    trace);
                            return Multi.createFrom().failure(error);
                        }
                        attempt(target, failure.kind(), failure.message(), started, trace);
                        Duration wait = retryDelay(target, failure, retry);
                        if (wait == null || emitted.get()) {
                            return Multi.createFrom().failure(error);
                        }
                        return pause(wait).onItem()
                                .transformToMulti(ignored -> tryStream(target, request, trace, retry + 1, emitted));
                    });
        });
    }

    /**
     * Whether a chunk only opens the message (a role, empty text, no tool call, no finish, no usage), so that
     * relaying it commits the client to nothing it could read.
     */
    static boolean isPreamble(ChatChunk chunk) {
        if (chunk.usage() != null || chunk.choices() == null || chunk.choices().isEmpty()) {
            return false;
        }
        for (ChatChunk.ChunkChoice choice : chunk.choices()) {
            if (choice.finishReason() != null || choice.logprobs() != null) {
                return false;
            }
            ChatChunk.Delta delta = choice.delta();
            if (delta != null && ((delta.content() != null && !delta.content().isEmpty())
                    || (delta.toolCalls() != null && !delta.toolCalls().isNull()) || delta.refusal() != null)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits before a retry. Mutiny's delay refuses a zero duration (IllegalArgumentException), which full jitter
     * and a "Retry-After: 0" both produce, so a zero wait retries at once.
     */
    private static Uni<Void> pause(Duration wait) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return wait.isZero() || wait.isNegative() ? now : now.onItem().delayIt().by(wait);
    }

    /** How long to wait before retrying the same provider, or null when it should not be retried. */
    private Duration retryDelay(ModelCatalog.Target target, ProviderFailure failure, int retry) {
        ProvidersConfig.Provider settings = config.providers().get(target.provider().id());
        int maxRetries = settings == null ? 0 : settings.maxRetries();
        if (retry >= maxRetries) {
            return null;
        }
        Duration backoff = routing.retryBackoff().multipliedBy(1L << Math.min(retry, 10));
        Duration jittered = Duration.ofMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() + 1));
        if (failure instanceof ProviderFailure.RateLimited limited) {
            Duration asked = limited.retryAfter().orElse(backoff);
            return asked.compareTo(routing.maxRetryAfter()) <= 0 ? asked : null;
        }
        if (failure instanceof ProviderFailure.ConnectFailed) {
            return jittered;
        }
        if (failure instanceof ProviderFailure.ServerError server && (server.status() == 502
                || server.status() == 503)) {
            return jittered;
        }
        return null;
    }

    private static boolean callerAtFault(ProviderException error) {
        return error.failure() instanceof ProviderFailure.Rejected rejected && rejected.callerAtFault();
    }

    private ModelCallSpan span(ModelCatalog.Target target, ChatRequest request, RouteTrace trace) {
        return tracing.modelCall(trace.parent(), target.provider().id(), target.upstreamModel(), request.messages());
    }

    /** A failure's kind for {@code error.type}: the provider failure kind, else the exception's class name. */
    private static String errorType(Throwable error) {
        return error instanceof ProviderException failed ? failed.failure().kind() : error.getClass().getName();
    }

    private void skip(ModelCatalog.Target target, RouteTrace trace) {
        trace.add(new Attempt(target.provider().id(), target.upstreamModel(), "circuit_open",
                "skipped: the circuit breaker is open after repeated failures", 0));
        metrics.recordAttempt(target.provider().id(), target.upstreamModel(), "circuit_open", 0);
    }

    private void attempt(ModelCatalog.Target target, String outcome, String detail, long started, RouteTrace trace) {
        long nanos = System.nanoTime() - started;
        trace.add(new Attempt(target.provider().id(), target.upstreamModel(), outcome, detail, nanos / 1_000_000));
        metrics.recordAttempt(target.provider().id(), target.upstreamModel(), outcome, nanos);
    }

    private static ProviderException exhausted(RouteTrace trace, ProviderException last) {
        List<Attempt> attempts = trace.attempts();
        if (last != null && attempts.size() <= 1) {
            return last;
        }
        return new ProviderException(new ProviderFailure.Exhausted(attempts, last == null ? null : last.failure()));
    }
}
