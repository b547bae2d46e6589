package io.confidencegateway.confidence.signals;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.chat.Logprobs;
import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;

/**
 * Provider logprobs: how sure the model was of its own tokens. The value blends the mean token probability with
 * the lowest one (a single unlikely token is often the invented number). Does not apply without logprobs.
 */
@ApplicationScoped
public class TokenProbabilitySignal implements ConfidenceSignal {

    private static final double MIN_SHARE = 0.25;

    @Override
    public String name() {
        return "token_probability";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        List<Logprobs.TokenLogprob> tokens = context.logprobs().map(Logprobs::content).orElse(List.of());
        if (tokens == null || tokens.isEmpty()) {
            return Optional.empty();
        }
        double sum = 0;
        double min = 1;
        String weakest = "";
        for (Logprobs.TokenLogprob token : tokens) {
            double p = Math.exp(Math.min(0, token.logprob()));
            sum += p;
            if (p < min) {
                min = p;
                weakest = token.token();
            }
        }
        double mean = sum / tokens.size();
        String reason = String.format(Locale.ROOT, "mean token probability %.2f, lowest %.2f ('%s')", mean, min,
                weakest == null ? "" : weakest.strip());
        return Optional.of(SignalResult.of((1 - MIN_SHARE) * mean + MIN_SHARE * min, reason));
    }
}
