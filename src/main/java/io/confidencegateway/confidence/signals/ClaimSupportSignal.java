package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.AnswerShape;
import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.SupportMatch;

/**
 * Claim support: each answer sentence against its best passage window (content-word coverage, names and numbers
 * present there, same negation, no antonym). The value is the support of the weakest sentence: one wrong claim
 * makes an answer wrong however many sentences around it are right, and a mean would dilute it in a long answer.
 * Unsupported sentences are flagged by index. Only claims count: a trailing "Unable to answer based on given passages"
 * does not sink the answer before it.
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
            // A refusal claims nothing, so nothing in it lacks support; whether the refusal itself is right is the
            // refusal signal's question.
            if (context.shape().kind() != AnswerShape.Kind.REFUSAL) {
                return Optional.empty();
            }
            // "The passages do not say" is itself a claim about the passages, false when one plainly does.
            return Optional.of(RefusalSignal.answeredBy(context).map(where -> new SignalResult(0, "the answer says "
                    + "the passages do not answer the question, but " + where, context.shape().refusals().stream()
                            .map(i -> new SignalResult.Flag(i, "declines although " + where)).toList()))
                    .orElse(SignalResult.of(1, "the answer makes no claim of its own: it says the passages do not "
                            + "answer the question")));
        }
        SupportMatch weakest = support.get(0);
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (SupportMatch match : support) {
            if (match.score() < weakest.score()) {
                weakest = match;
            }
            if (!match.supported()) {
                flags.add(new SignalResult.Flag(match.sentenceIndex(), match.reason()));
            }
        }
        int n = support.size();
        String reason = flags.isEmpty() ? (n == 1 ? "the sentence is supported by the passages"
                : "all " + n + " sentences are supported by the passages")
                : flags.size() + " of " + n + " sentences lack support; weakest (sentence " + weakest.sentenceIndex()
                        + "): " + weakest.reason();
        return Optional.of(new SignalResult(clamp(weakest.score()), reason, flags));
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
