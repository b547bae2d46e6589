package io.confidencegateway.verifier;

import java.time.Duration;
import java.util.Optional;

import io.confidencegateway.confidence.ScoringContext;
import io.smallrye.mutiny.Uni;

/**
 * A remote check of an answer against its passages (a classifier, a judge model): the asynchronous sibling of
 * {@link io.confidencegateway.confidence.ConfidenceSignal}. Implementations are CDI beans collected with
 * {@code @All List<Verifier>}; a product opts in by name. The result becomes a signal of the same name.
 */
public interface Verifier {

    /** Stable snake_case name: what a product lists in {@code verifiers} and the signal's name in {@code signals[]}. */
    String name();

    /** Its own longest wait, from its configuration; the caller cuts it to the product's remaining budget. */
    Duration timeout();

    /** Why this verifier cannot be used on this gateway (not configured…), or empty when it can. */
    Optional<String> unavailable();

    /**
     * Verifies the answer without blocking the calling thread. The Uni may fail or never answer: the caller
     * applies {@code timeout} and turns any failure into an absent signal, so an answer never fails here.
     */
    Uni<Verification> verify(Input input);

    /** What a verifier looks at, and how long it may take (its own timeout, cut to the budget left). */
    record Input(String productId, ScoringContext context, Duration timeout) {
    }
}
