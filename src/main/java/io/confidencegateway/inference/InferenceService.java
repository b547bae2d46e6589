package io.confidencegateway.inference;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.store.Ids;
import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.provider.ModelCatalog;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.FallbackRouter;
import io.confidencegateway.provider.RouteTrace;
import java.util.List;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The one inference pipeline behind every public API: check the request, route it to a provider, call it, and
 * record the outcome (answer, usage, latency, status) and its metrics. Providers know nothing of this.
 */
@ApplicationScoped
public class InferenceService {

    static final String API_CHAT = "chat_completions";
    /** Requests recorded as native product answers. */
    public static final String API_ANSWERS = "answers";

    private final ModelCatalog catalog;
    private final FallbackRouter router;
    private final InferenceLog log;
    private final GatewayMetrics metrics;
    private final InferenceSpending spending;

    public InferenceService(ModelCatalog catalog, FallbackRouter router, InferenceLog log, GatewayMetrics metrics,
            InferenceSpending spending) {
        this.spending = spending;
        this.catalog = catalog;
        this.router = router;
        this.log = log;
        this.metrics = metrics;
    }

    /**
     * A request that passed every check and has a route (the targets able to honour it, in failover order); it
     * has its inference id from here on, and its trace collects every attempt. {@code residency} is the region its
     * data must stay in (null: none); the router skips every target outside it.
     */
    public record Prepared(UUID id, ChatRequest request, ModelCatalog.Route route, RouteTrace trace, String api,
            boolean logprobsIfAvailable, Instant createdAt, long startNanos,
            io.confidencegateway.access.ApiKey spender, java.util.concurrent.atomic.AtomicReference<Stop> stop,
            String residency) {

        /**
         * Says why the caller is about to cancel this call (e.g. its latency budget ran out), so that the record of
         * the cancelled call names that reason instead of a client that went away.
         */
        public void stopBecause(Stop reason) {
            stop.set(reason);
        }

        /** The request as one target receives it (logprobs left out where they are optional and unsupported). */
        ChatRequest upstreamFor(ModelCatalog.Target target) {
            ChatRequest upstream = request.upstream(target.upstreamModel());
            return logprobsIfAvailable && !target.provider().capabilities().contains(
                    io.confidencegateway.provider.Capability.LOGPROBS) ? upstream.withoutLogprobs() : upstream;
        }
    }

    /** Why a caller stopped a call: a short kind for records and metrics, and the reason in words. */
    public record Stop(String kind, String message) {
        static final Stop CLIENT_GONE = new Stop("client_disconnected", "the client closed the connection");
    }

    /**
     * Which API a request is recorded under, the alias whose targets back up its route as the last resort (e.g.
     * {@code extractive} for product answers; null for none), and the region its data must stay in (the product's
     * {@code data_residency}; null for none): only providers of that region, or inside the gateway, are called, at
     * every step of the route.
     */
    public record Purpose(String api, String lastResortAlias, boolean logprobsIfAvailable, String residency) {
        public static final Purpose CHAT = new Purpose(API_CHAT, null, false);

        /** A purpose with no data residency. */
        public Purpose(String api, String lastResortAlias, boolean logprobsIfAvailable) {
            this(api, lastResortAlias, logprobsIfAvailable, null);
        }

        public Purpose {
            residency = io.confidencegateway.provider.ResidencyPolicy.normalise(residency);
        }
    }

    /**
     * Routes a request (already checked by the API it came in through) to the targets able to honour it.
     *
     * @throws GatewayError.Rejection when its model is unknown or unservable, or no target can honour it
     */
    public Prepared prepare(ChatRequest request) {
        return prepare(request, Purpose.CHAT);
    }

    /**
     * Routes a request for a purpose; the last-resort alias's targets end every route, except when the model's own
     * route has no provider in the purpose's residency: then none of it is called and the request fails as every
     * provider failing does (a product answer is handed off), rather than being quietly served by the last resort.
     */
    public Prepared prepare(ChatRequest request, Purpose purpose) {
        ModelCatalog.Resolution own = catalog.resolve(request.model());
        // A route none of whose providers is enabled keeps the last resort as before, residency or not.
        boolean unservable = purpose.residency() != null && own instanceof ModelCatalog.Route
                && catalog.residencyProblem(purpose.residency(), request.model()).isPresent();
        ModelCatalog.Resolution resolution = unservable ? own : withLastResort(own, purpose);
        if (resolution instanceof ModelCatalog.Unknown unknown) {
            throw new GatewayError.Rejection(new GatewayError.UnknownModel(unknown.model(), "The model '"
                    + unknown.model() + "' does not exist on this gateway; GET /v1/models lists the available ones"));
        }
        if (resolution instanceof ModelCatalog.ProviderDisabled disabled) {
            throw new GatewayError.Rejection(new GatewayError.ProviderDisabled(disabled.model(), disabled.reason()));
        }
        var route = (ModelCatalog.Route) resolution;
        var able = new java.util.ArrayList<ModelCatalog.Target>(route.targets().size());
        java.util.Optional<GatewayError> firstRefusal = java.util.Optional.empty();
        ChatRequest checked = purpose.logprobsIfAvailable() ? request.withoutLogprobs() : request;
        for (ModelCatalog.Target target : route.targets()) {
            var refusal = CapabilityCheck.unsupported(checked, target.provider().id(),
                    target.provider().capabilities());
            if (refusal.isEmpty()) {
                able.add(target);
            } else if (firstRefusal.isEmpty()) {
                firstRefusal = refusal;
            }
        }
        if (able.isEmpty()) {
            rejectIf(firstRefusal);
        }
        return new Prepared(Ids.next(), request, new ModelCatalog.Route(route.alias(), List.copyOf(able)),
                new RouteTrace(), purpose.api(), purpose.logprobsIfAvailable(), Instant.now(), System.nanoTime(),
                spending.spender(), new java.util.concurrent.atomic.AtomicReference<>(), purpose.residency());
    }

    private ModelCatalog.Resolution withLastResort(ModelCatalog.Resolution resolution, Purpose purpose) {
        if (purpose.lastResortAlias() == null
                || !(catalog.resolve(purpose.lastResortAlias()) instanceof ModelCatalog.Route lastResort)) {
            return resolution;
        }
        if (!(resolution instanceof ModelCatalog.Route route)) {
            return new ModelCatalog.Route(lastResort.alias(), lastResort.targets());
        }
        var targets = new java.util.ArrayList<>(route.targets());
        lastResort.targets().stream().filter(t -> targets.stream().noneMatch(
                existing -> existing.provider().id().equals(t.provider().id()))).forEach(targets::add);
        return new ModelCatalog.Route(route.alias(), List.copyOf(targets));
    }

    private static void rejectIf(java.util.Optional<GatewayError> error) {
        if (error.isPresent()) {
            throw new GatewayError.Rejection(error.get());
        }
    }

    /**
     * The whole answer, with its id set to the inference id, usage always filled and how it was served
     * ({@link Routed}) in the {@code gateway} slot.
     */
    public Uni<ChatResponse> complete(Prepared prepared) {
        var route = prepared.route();
        // The key's budget is reserved before the call and settled after it, or released when it fails.
        return spending.reserved(prepared, reservation -> router.chat(route.targets(), prepared::upstreamFor,
                prepared.trace(), prepared.residency())
                .map(answer -> {
                    boolean estimated = answer.usage() == null;
                    Usage usage = estimated ? UsageEstimator.estimate(prepared.request(), answer.firstText())
                            : answer.usage();
                    String finish = answer.choices().get(0).finishReason();
                    succeeded(prepared, usage, estimated, finish, answer.firstText(), null);
                    spending.settle(prepared, reservation, () -> usage);
                    return answer.withIdentity(prepared.id().toString(), answer.model() == null ? route.alias()
                            : answer.model(), usage, Routed.of(prepared, estimated));
                })
                .onFailure().invoke(error -> spending.settle(prepared, reservation, () -> null))
                .onCancellation().invoke(() -> {
                    cancelled(prepared, null, null);
                    spending.settle(prepared, reservation, () -> null);
                })
                .onFailure().transform(error -> failed(prepared, error, false, null, null)));
    }

    /**
     * The answer as chunks, relayed as the provider sends them. The finish chunk is held back until the
     * provider ends, so that it carries the gateway envelope; so does the usage chunk after it when the caller
     * asked for {@code stream_options.include_usage} (clients read one or the other). A stream that breaks fails with an
     * {@link InferenceFailure}; whether chunks were already sent is the caller's to know.
     */
    public Multi<ChatChunk> stream(Prepared prepared) {
        return stream(prepared, (relayed, usage) -> Uni.createFrom().item(Routed.of(prepared, usage == null)));
    }

    /** What the last chunk of a stream carries, computed from the whole relayed text and its usage. */
    @FunctionalInterface
    public interface EnvelopeFactory {
        /** The envelope for the relayed text; {@code usage} is null when the upstream reported none. */
        Uni<Object> envelope(String relayedText, Usage usage);
    }

    /** As {@link #stream(Prepared)}, with the last chunk's envelope made by the caller from the whole text. */
    public Multi<ChatChunk> stream(Prepared prepared, EnvelopeFactory envelopes) {
        return spending.reserved(prepared, Uni.createFrom()::item).onItem().transformToMulti(reservation -> Multi
                .createFrom().deferred(() -> {
            var relay = new StreamRelay(prepared);
            // What a broken or abandoned stream used is what it relayed.
            Runnable settlePartial = () -> spending.settle(prepared, reservation,
                    () -> UsageEstimator.estimate(prepared.request(), relay.text()));
            return router.stream(prepared.route().targets(),
                    prepared::upstreamFor, prepared.trace(), prepared.residency())
                    .onItem().transformToIterable(relay::accept)
                    .onCompletion().switchTo(() -> {
                        succeeded(prepared, relay.usage(), relay.usageEstimated(), relay.finishReason(),
                                relay.text(), relay.firstTokenNanos());
                        spending.settle(prepared, reservation, relay::usage);
                        return envelopes.envelope(relay.text(), relay.usageEstimated() ? null : relay.usage())
                                .onItem().transformToMulti(envelope -> Multi.createFrom().iterable(
                                        relay.finish(envelope)));
                    })
                    .onFailure().invoke(error -> settlePartial.run())
                    .onFailure().transform(error -> failed(prepared, error, relay.started(), relay.text(),
                            relay.firstTokenNanos()))
                    .onCancellation().invoke(() -> {
                        cancelled(prepared, relay.text(), relay.firstTokenNanos());
                        settlePartial.run();
                    });
        }));
    }

    private void succeeded(Prepared prepared, Usage usage, boolean estimated, String finishReason, String text,
            Long firstTokenNanos) {
        ModelCatalog.Target served = servedOrPrimary(prepared);
        metrics.recordTokens(served.provider().id(), served.upstreamModel(), usage.promptTokens(),
                usage.completionTokens());
        log.record(record(prepared, "ok", null, null, 200, usage, estimated, finishReason, text, firstTokenNanos));
    }

    private InferenceFailure failed(Prepared prepared, Throwable error, boolean started, String partial,
            Long firstTokenNanos) {
        ProviderFailure failure = error instanceof ProviderException pe ? pe.failure()
                : new ProviderFailure.MalformedResponse(servedOrPrimary(prepared).provider().id(),
                        "internal error while relaying");
        int status = started ? 200 : failure.httpStatus();
        Usage usage = partial == null ? null : UsageEstimator.estimate(prepared.request(), partial);
        log.record(record(prepared, started ? "interrupted" : "error", failure.kind(), failure.message(), status,
                usage, usage != null, null, partial, firstTokenNanos));
        return new InferenceFailure(prepared.id(), failure);
    }

    /**
     * The record of a call its caller cancelled: 499 when the client went away, 504 when the caller stopped it for
     * a reason it gave ({@link Prepared#stopBecause}, e.g. a product's latency budget).
     */
    private void cancelled(Prepared prepared, String partial, Long firstTokenNanos) {
        ModelCatalog.Target served = servedOrPrimary(prepared);
        metrics.recordAttempt(served.provider().id(), served.upstreamModel(), "cancelled",
                System.nanoTime() - prepared.startNanos());
        Stop stop = prepared.stop().get() == null ? Stop.CLIENT_GONE : prepared.stop().get();
        log.record(record(prepared, "cancelled", stop.kind(), stop.message(), stop == Stop.CLIENT_GONE ? 499 : 504,
                partial == null ? null : UsageEstimator.estimate(prepared.request(), partial), partial != null, null,
                partial, firstTokenNanos));
    }

    /** The target that answered, or the first of the route when none did. */
    public static ModelCatalog.Target servedOrPrimary(Prepared prepared) {
        ModelCatalog.Target served = prepared.trace().served();
        return served != null ? served : prepared.route().primary();
    }

    private InferenceRecord record(Prepared prepared, String status, String errorKind, String errorMessage,
            int httpStatus, Usage usage, boolean estimated, String finishReason, String content,
            Long firstTokenNanos) {
        ModelCatalog.Target served = servedOrPrimary(prepared);
        long nanos = System.nanoTime() - prepared.startNanos();
        return new InferenceRecord(prepared.id(), prepared.api(), prepared.route().alias(), served.provider().id(),
                served.upstreamModel(), prepared.request().streaming(), status, errorKind, errorMessage, httpStatus,
                usage == null ? null : usage.promptTokens(), usage == null ? null : usage.completionTokens(),
                estimated, finishReason, content, nanos / 1_000_000,
                firstTokenNanos == null ? null : (firstTokenNanos - prepared.startNanos()) / 1_000_000,
                prepared.trace().attempts(), prepared.createdAt(), Instant.now(),
                prepared.spender() == null ? null : prepared.spender().id());
    }
}
