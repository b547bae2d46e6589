package io.confidencegateway.confidence.signals;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.SupportMatch;

/**
 * Mean claim support: the average support of the answer's claims, where {@code claim_support} takes the weakest.
 * The weakest sentence of a long answer is low even when every claim is sound; the mean is not driven by length.
 */
@ApplicationScoped
public class SupportSpreadSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "mean_support";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        List<SupportMatch> support = context.support();
        if (support.isEmpty()) {
            return Optional.empty();
        }
        double sum = 0;
        int unsupported = 0;
        for (SupportMatch match : support) {
            sum += Math.max(0, Math.min(1, match.score()));
            unsupported += match.supported() ? 0 : 1;
        }
        double mean = sum / support.size();
        return Optional.of(SignalResult.of(mean, String.format(Locale.ROOT, "mean support %.2f over %d claim(s); %d "
                + "lack support", mean, support.size(), unsupported)));
    }
}
