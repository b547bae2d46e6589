package io.confidencegateway.confidence.signals;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.SupportMatch;

/** Supported share: the share of the answer's claims that their best passage window supports. */
@ApplicationScoped
public class SupportedShareSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "supported_share";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        List<SupportMatch> support = context.support();
        if (support.isEmpty()) {
            return Optional.empty();
        }
        long supported = support.stream().filter(SupportMatch::supported).count();
        return Optional.of(SignalResult.of((double) supported / support.size(), supported + " of " + support.size()
                + " claims are supported by a passage"));
    }
}
