package io.confidencegateway.review;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** Collects the ReviewResolved events the tests cause; fails for the product "explosive", as a broken feature might. */
@ApplicationScoped
public class ReviewResolvedObserver {

    static final String EXPLOSIVE = "explosive";

    private final List<ReviewResolved> seen = new CopyOnWriteArrayList<>();
    private final List<ReviewResolved> seenAsync = new CopyOnWriteArrayList<>();

    void onResolved(@Observes ReviewResolved event) {
        seen.add(event);
        if (event.product().startsWith(EXPLOSIVE)) {
            throw new IllegalStateException("this observer is broken");
        }
    }

    void onResolvedAsync(@ObservesAsync ReviewResolved event) {
        seenAsync.add(event);
        if (event.product().startsWith(EXPLOSIVE)) {
            throw new IllegalStateException("this observer is broken too");
        }
    }

    List<ReviewResolved> seen() {
        return seen;
    }

    List<ReviewResolved> seenAsync() {
        return seenAsync;
    }
}
