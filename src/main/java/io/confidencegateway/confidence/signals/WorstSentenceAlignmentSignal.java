package io.confidencegateway.confidence.signals;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.align.AlignmentReasons;
import io.confidencegateway.confidence.align.Alignments;
import io.confidencegateway.confidence.align.TokenAlignment;

/**
 * The weakest answer sentence's token alignment (see {@link TokenAlignmentSignal}): one invented sentence in an
 * otherwise grounded answer shows here even when the mean hides it. The reason quotes that sentence's words that
 * have no close match in any passage.
 */
@ApplicationScoped
public class WorstSentenceAlignmentSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "token_alignment_worst";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        return Alignments.of(context).map(WorstSentenceAlignmentSignal::result);
    }

    static SignalResult result(TokenAlignment.Result alignment) {
        TokenAlignment.Sentence weakest = weakest(alignment.scored());
        String reason = "weakest sentence (" + weakest.index() + ") aligns with the passages at "
                + AlignmentReasons.number(weakest.precision()) + ": " + AlignmentReasons.unmatched(weakest.unmatched());
        return SignalResult.of(weakest.precision(), reason);
    }

    /** The sentence with the lowest precision; the first of equals. */
    static TokenAlignment.Sentence weakest(List<TokenAlignment.Sentence> scored) {
        TokenAlignment.Sentence weakest = scored.get(0);
        for (TokenAlignment.Sentence s : scored) {
            if (s.precision() < weakest.precision()) {
                weakest = s;
            }
        }
        return weakest;
    }
}
