package io.confidencegateway.provider;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.context.Context;

/** What happened while serving one request over a route: every attempt, and the target that answered. */
public final class RouteTrace {

    private final List<Attempt> attempts = new ArrayList<>(2);
    private volatile ModelCatalog.Target served;
    /** The trace context the request was prepared in: each attempt's span hangs under it, whatever thread runs it. */
    private final Context parent = Context.current();

    synchronized void add(Attempt attempt) {
        attempts.add(attempt);
    }

    void served(ModelCatalog.Target target) {
        served = target;
    }

    /** Every attempt so far, in order. */
    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The trace context the attempts' spans are children of. */
    public Context parent() {
        return parent;
    }

    /** The target that produced the answer (or its first chunk), if any did. */
    public ModelCatalog.Target served() {
        return served;
    }
}
