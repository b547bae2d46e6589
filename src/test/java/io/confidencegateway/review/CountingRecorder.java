package io.confidencegateway.review;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Counts how often the queue hands each resolution to its recorders; fails for the product "explosive". */
@ApplicationScoped
public class CountingRecorder implements ResolutionRecorder {

    private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public Uni<Void> recordResolution(ReviewResolved resolved) {
        calls.computeIfAbsent(resolved.itemId(), id -> new AtomicInteger()).incrementAndGet();
        if (resolved.product().startsWith(ReviewResolvedObserver.EXPLOSIVE)) {
            return Uni.createFrom().failure(new IllegalStateException("this recorder is broken"));
        }
        return Uni.createFrom().voidItem();
    }

    int callsFor(UUID item) {
        AtomicInteger count = calls.get(item);
        return count == null ? 0 : count.get();
    }
}
