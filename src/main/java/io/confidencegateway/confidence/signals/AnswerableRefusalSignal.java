package io.confidencegateway.confidence.signals;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.AnswerShape;
import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;

/**
 * A refusal although a passage plainly holds the answer ({@link RefusalSignal#answeredBy}): value 0, and it applies to
 * nothing else. For a support product that is a miss a person should see, but RAGTruth labels 41 of its 42
 * incorrect refusals faithful, so no fit on it can push them down: the feature carries a hand-set prior weight in the
 * model ({@code fitted: false}, like citations), which keeps such an answer below the review threshold whatever the
 * fitted intercept does.
 */
@ApplicationScoped
public class AnswerableRefusalSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "answerable_refusal";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        if (context.shape().kind() != AnswerShape.Kind.REFUSAL) {
            return Optional.empty();
        }
        return RefusalSignal.answeredBy(context).map(where -> SignalResult.of(0, "the answer declines, but " + where
                + ": a refusal where the passages hold the answer is a miss"));
    }
}
