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
 * Token alignment: the mean over answer sentences of each sentence's BERTScore-style precision (IDF-weighted mean of
 * its content word pieces' best cosine with any passage token, from MiniLM's contextual token vectors). A mean, not
 * the minimum, so that a long answer is not punished for being long; the weakest sentence is its own signal. Does
 * not apply without passages or without a content word in the answer.
 */
@ApplicationScoped
public class TokenAlignmentSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "token_alignment";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        return Alignments.of(context).map(TokenAlignmentSignal::result);
    }

    static SignalResult result(TokenAlignment.Result alignment) {
        List<TokenAlignment.Sentence> scored = alignment.scored();
        double mean = scored.stream().mapToDouble(TokenAlignment.Sentence::precision).average().orElse(0);
        TokenAlignment.Sentence weakest = WorstSentenceAlignmentSignal.weakest(scored);
        String reason = scored.size() == 1
                ? "the answer's words align with the passages at " + AlignmentReasons.number(mean)
                : "the answer's words align with the passages at " + AlignmentReasons.number(mean)
                        + " on average over " + scored.size() + " sentences; weakest: sentence " + weakest.index()
                        + " at " + AlignmentReasons.number(weakest.precision());
        return SignalResult.of(mean, reason);
    }
}
