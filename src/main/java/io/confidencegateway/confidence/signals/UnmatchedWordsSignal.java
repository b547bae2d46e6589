package io.confidencegateway.confidence.signals;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.align.AlignmentReasons;
import io.confidencegateway.confidence.align.Alignments;

/**
 * Unmatched words: how many content words of the answer have no close match in any passage (see
 * {@link TokenMatchShareSignal}), as a count rather than a share. Each invented word is a claim an agent must check
 * however long the answer around it is, and on the training set the count separates the labels better than the share
 * also within answer-length quintiles. The value is {@code 1 / (1 + count / HALF)}: 1 with none, 0.5 at
 * {@link #HALF} words.
 */
@ApplicationScoped
public class UnmatchedWordsSignal implements ConfidenceSignal {

    /** Unmatched words at which the value is 0.5. */
    static final double HALF = 5;

    @Override
    public String name() {
        return "token_unmatched_words";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        return Alignments.of(context).map(alignment -> {
            int unmatched = alignment.unmatchedWords();
            String reason = unmatched == 0 ? "no content word lacks a close match in the passages"
                    : AlignmentReasons.unmatched(AlignmentReasons.allUnmatched(alignment)) + " (" + unmatched
                            + (unmatched == 1 ? " word)" : " words)");
            return SignalResult.of(value(unmatched), reason);
        });
    }

    static double value(int unmatchedWords) {
        return 1 / (1 + unmatchedWords / HALF);
    }
}
