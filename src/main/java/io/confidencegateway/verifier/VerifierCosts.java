package io.confidencegateway.verifier;

import java.util.List;
import java.util.Optional;

import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.chat.Usage;

/**
 * What an answer cost once its verifier tiers ran: the answer model's tokens, and a {@code cost_usd} that adds the
 * verifiers' priced model calls to the answer model's, itemised in {@code usage.verifiers}. One number per answer,
 * so cost per answer and per resolution include what verification costs the product.
 */
public final class VerifierCosts {

    private VerifierCosts() {
    }

    /**
     * The usage shown on an answer; null when there is neither model usage nor a verifier.
     *
     * @param answerCost the answer model's cost, empty when its model has no price
     */
    public static AiResponse.UsageView usage(Usage usage, Optional<Double> answerCost, List<Verification> verified) {
        if (usage == null && verified.isEmpty()) {
            return null;
        }
        Double total = answerCost.orElse(null);
        for (Verification v : verified) {
            if (v.spend() != null && v.spend().costUsd() != null) {
                total = (total == null ? 0 : total) + v.spend().costUsd();
            }
        }
        return new AiResponse.UsageView(usage == null ? 0 : usage.promptTokens(),
                usage == null ? 0 : usage.completionTokens(), total == null ? null : Math.round(total * 1e8) / 1e8,
                verified.isEmpty() ? null : verified.stream().map(VerifierCosts::view).toList());
    }

    static AiResponse.VerifierView view(Verification v) {
        Verification.Spend spend = v.spend();
        return new AiResponse.VerifierView(v.name(), v.result().isPresent() ? AiResponse.VerifierView.APPLIED
                : AiResponse.VerifierView.ABSENT, v.absentBecause(), v.latencyMs(),
                spend == null ? null : spend.model(), spend == null ? null : spend.promptTokens(),
                spend == null ? null : spend.completionTokens(), spend == null ? null : spend.costUsd());
    }
}
