package io.confidencegateway.inference;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.provider.PricingConfig;
import io.confidencegateway.access.AccessConfig;
import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.access.SpendLimits;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.provider.ModelCatalog;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The price side of a key's token and budget limits for one model call: who pays (the caller's key), the most the
 * call can cost (the dearest target of its route, for the prompt and {@code max_tokens}, or
 * {@code gateway.access.default-max-tokens} when it sets none), and what it did cost (the price table, for the
 * target that served it). The counting itself is {@link SpendLimits}'.
 */
@ApplicationScoped
public class InferenceSpending {

    private final Callers callers;
    private final SpendLimits limits;
    private final PricingConfig pricing;
    private final int defaultMaxTokens;

    public InferenceSpending(Callers callers, SpendLimits limits, PricingConfig pricing, AccessConfig access) {
        this.callers = callers;
        this.limits = limits;
        this.pricing = pricing;
        this.defaultMaxTokens = access.defaultMaxTokens();
    }

    /** The key that pays for calls made now, or null (open paths, background work). */
    ApiKey spender() {
        return callers.current().orElse(null);
    }

    /**
     * Reserves the call's largest cost, then runs it on the caller's Vert.x context (the reservation may have
     * moved to a worker thread). Fails with {@code LimitExceeded} before the call when the key is over a limit.
     */
    <T> Uni<T> reserved(InferenceService.Prepared prepared, java.util.function.Function<SpendLimits.Reservation,
            Uni<T>> call) {
        ApiKey key = prepared.spender();
        if (key == null || !key.spendLimited()) {
            return call.apply(SpendLimits.Reservation.NONE);
        }
        Context context = Vertx.currentContext();
        Uni<SpendLimits.Reservation> reservation = limits.reserve(key, maxCostNanos(prepared));
        if (context != null) {
            reservation = reservation.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return reservation.chain(call::apply);
    }

    /** Settles what the call used (the upstream's usage, or the estimate of it). */
    void settle(InferenceService.Prepared prepared, SpendLimits.Reservation reservation, Supplier<Usage> usage) {
        if (reservation.keyId() == null) {
            return;
        }
        Usage used = usage.get();
        if (used == null) {
            limits.release(reservation);
            return;
        }
        String model = InferenceService.servedOrPrimary(prepared).upstreamModel();
        long cost = pricing.cost(model, used.promptTokens(), used.completionTokens()).map(InferenceSpending::nanos)
                .orElse(0L);
        limits.settle(reservation, (long) used.promptTokens() + used.completionTokens(), cost);
    }

    long maxCostNanos(InferenceService.Prepared prepared) {
        int prompt = UsageEstimator.estimate(prepared.request(), null).promptTokens();
        Integer limit = prepared.request().outputTokenLimit();
        int output = limit == null ? defaultMaxTokens : limit;
        double dearest = 0;
        for (ModelCatalog.Target target : prepared.route().targets()) {
            dearest = Math.max(dearest, pricing.cost(target.upstreamModel(), prompt, output).orElse(0.0));
        }
        return nanos(dearest);
    }

    private static long nanos(double usd) {
        return (long) Math.ceil(usd * 1_000_000_000d);
    }
}
