package io.confidencegateway.confidence.signals;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.Words;

/**
 * The worst claim's unsupported share: of the claim with the most content words found in no passage (nor the
 * question), the share of its content words that are missing. One invented sentence among many sound ones shows
 * here when the answer-wide share dilutes it. The value is {@code 1 − share}.
 */
@ApplicationScoped
public class WorstUnsupportedSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "worst_claim_content";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        if (!UnsupportedContentSignal.applies(context)) {
            return Optional.empty();
        }
        double worst = -1;
        AnalyzedSentence at = null;
        for (AnalyzedSentence claim : context.claims()) {
            int total = 0;
            int missing = 0;
            for (String token : claim.tokens()) {
                if (Words.isContent(token) && token.length() >= 2) {
                    total++;
                    missing += UnsupportedContentSignal.known(token, context) ? 0 : 1;
                }
            }
            if (total > 0 && (double) missing / total > worst) {
                worst = (double) missing / total;
                at = claim;
            }
        }
        if (at == null) {
            return Optional.empty();
        }
        return Optional.of(SignalResult.of(1 - worst, String.format(Locale.ROOT, "worst claim (sentence %d): %.0f%% "
                + "of its content words are in no passage", at.index(), 100 * worst)));
    }
}
