package io.confidencegateway.confidence.signals;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.SupportMatch;

/**
 * Claim support: each answer sentence against its best passage window (content-word coverage, names and numbers
 * present there, same negation, no antonym). The value is the mean sentence support; unsupported sentences are
 * flagged by index.
 */
@ApplicationScoped
public class ClaimSupportSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "claim_support";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        List<SupportMatch> support = context.support();
        if (support.isEmpty()) {
            return Optional.empty();
        }
        double sum = 0;
        List<SignalResult.Flag> flags = new java.util.ArrayList<>();
        for (SupportMatch match : support) {
            sum += match.score();
            if (!match.supported()) {
                flags.add(new SignalResult.Flag(match.sentenceIndex(), match.reason()));
            }
        }
        int n = support.size();
        String reason = flags.isEmpty() ? (n == 1 ? "the sentence is supported by the passages"
                : "all " + n + " sentences are supported by the passages")
                : flags.size() + " of " + n + " sentences lack support";
        return Optional.of(new SignalResult(clamp(sum / n), reason, flags));
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
