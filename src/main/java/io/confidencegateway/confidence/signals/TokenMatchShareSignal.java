package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
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
 * Token match share: the share of the answer's content words that have a close match (contextual cosine at or above
 * {@link Alignments#CLOSE_MATCH}) in some passage. Sees the small additions a sentence-level coverage threshold lets
 * through ("purity and innocence"). A sentence is flagged, with its unmatched words, when at least
 * {@link #FLAG_SHARE} of its content words have no close match: one paraphrased word in a long sentence is not a
 * claim the agent must check.
 */
@ApplicationScoped
public class TokenMatchShareSignal implements ConfidenceSignal {

    /** Share of a sentence's content words without a close match from which the sentence is flagged. */
    static final double FLAG_SHARE = 0.25;

    @Override
    public String name() {
        return "token_match_share";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        return Alignments.of(context).map(TokenMatchShareSignal::result);
    }

    static SignalResult result(TokenAlignment.Result alignment) {
        int content = alignment.contentWords();
        int unmatched = alignment.unmatchedWords();
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (TokenAlignment.Sentence s : alignment.sentences()) {
            if (s.hasContent() && s.unmatchedWords() >= FLAG_SHARE * s.contentWords()
                    && s.unmatchedWords() > 0) {
                flags.add(new SignalResult.Flag(s.index(), AlignmentReasons.unmatched(s.unmatched())));
            }
        }
        String reason = unmatched == 0 ? "all " + content + " content words have a close match in the passages"
                : unmatched + " of " + content + " content words: "
                        + AlignmentReasons.unmatched(AlignmentReasons.allUnmatched(alignment));
        return new SignalResult(1 - (double) unmatched / content, reason, flags);
    }
}
