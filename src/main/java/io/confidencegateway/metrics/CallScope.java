package io.confidencegateway.metrics;

import java.util.function.Supplier;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Builds and subscribes to a call with a trace context current, so that what the call reads as the current context
 * when it starts (the upstream client does, to parent its HTTP span) is that context. Built inside the scope, not only
 * subscribed: Mutiny's context propagation gives a Uni, when it is subscribed, the context that was current where it
 * was assembled.
 */
final class CallScope {

    private CallScope() {
    }

    static <T> Uni<T> within(Context context, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            try (Scope ignored = context.makeCurrent()) {
                return call.get();
            }
        });
    }

    static <T> Multi<T> streamWithin(Context context, Supplier<Multi<T>> call) {
        return Multi.createFrom().deferred(() -> {
            try (Scope ignored = context.makeCurrent()) {
                return call.get();
            }
        });
    }
}
