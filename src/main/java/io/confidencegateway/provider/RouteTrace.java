package io.confidencegateway.provider;

import java.util.ArrayList;
import java.util.List;

/** What happened while serving one request over a route: every attempt, and the target that answered. */
public final class RouteTrace {

    private final List<Attempt> attempts = new ArrayList<>(2);
    private volatile ModelCatalog.Target served;

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

    /** The target that produced the answer (or its first chunk), if any did. */
    public ModelCatalog.Target served() {
        return served;
    }
}
