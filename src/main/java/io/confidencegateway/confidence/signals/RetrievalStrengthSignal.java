package io.confidencegateway.confidence.signals;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;

/**
 * Retrieval strength: did any passage relate to the question at all? The value is the largest share of the
 * question's content words and names that one passage contains. Does not apply without a question.
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
        int best = 0;
        int bestPassage = -1;
        for (int p = 0; p < context.passageTexts().size(); p++) {
            AnalyzedText passage = context.passageTexts().get(p);
            int found = (int) terms.stream().filter(t -> passage.stemSet().contains(t)
                    || passage.tokenSet().contains(t)).count();
            if (found > best) {
                best = found;
                bestPassage = context.passages().get(p).index();
            }
        }
        String reason = best == 0 ? "no passage shares a content word with the question"
                : "best passage [" + bestPassage + "] covers " + best + " of " + terms.size() + " question terms";
        return Optional.of(SignalResult.of((double) best / terms.size(), reason));
    }
}
