package io.confidencegateway.confidence;

import java.util.Optional;

/**
 * One piece of evidence about whether an answer can be trusted. Implementations are CDI beans collected with
 * {@code @All List<ConfidenceSignal>}: adding a signal is adding one class, plus (to give it weight) a feature of
 * the same name in the shipped model.
 */
public interface ConfidenceSignal {

    /** Stable snake_case name; it is the feature name in the model and the name shown in {@code signals[]}. */
    String name();

    /**
     * Evaluates the answer in that context, or returns empty when this signal does not apply (no logprobs, no
     * question, no citation markers…), in which case the scorer leaves it out rather than guessing.
     */
    Optional<SignalResult> evaluate(ScoringContext context);
}
