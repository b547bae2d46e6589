package io.confidencegateway.confidence.signals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;

/**
 * Retrieval strength: did the passages relate to the question at all? The value is the share of the question's
 * content words and names that the passages contain, together (each passage may answer part of the question).
 * Does not apply without a question.
 */
@ApplicationScoped
public class RetrievalStrengthSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "retrieval_strength";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        if (context.questionText().isEmpty()) {
            return Optional.empty();
        }
        Set<String> terms = new LinkedHashSet<>();
        for (AnalyzedSentence s : context.questionText().get().sentences()) {
            terms.addAll(s.contentStems());
            terms.addAll(s.names());
        }
        if (terms.isEmpty() || context.passages().isEmpty()) {
            return Optional.empty();
        }
        Set<String> covered = new java.util.HashSet<>();
        int best = 0;
        int bestPassage = -1;
        for (int p = 0; p < context.passageTexts().size(); p++) {
            AnalyzedText passage = context.passageTexts().get(p);
            List<String> found = terms.stream().filter(t -> passage.stemSet().contains(t)
                    || passage.tokenSet().contains(t)).toList();
            covered.addAll(found);
            if (found.size() > best) {
                best = found.size();
                bestPassage = context.passages().get(p).index();
            }
        }
        String reason = covered.isEmpty() ? "no passage shares a content word with the question"
                : "the passages cover " + covered.size() + " of " + terms.size() + " question terms (best passage ["
                        + bestPassage + "] " + best + ")";
        return Optional.of(SignalResult.of((double) covered.size() / terms.size(), reason));
    }
}
