package io.confidencegateway.confidence.signals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.AnswerShape;
import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;

/**
 * A refusal is right when the passages do not hold the answer and a miss when they plainly do. "Plainly" is read
 * as: one passage sentence contains every content word and name of the question (at least {@link #MIN_TERMS}
 * of them), so the answer is likely in it. Value 1 for a refusal the passages bear out, {@link #ANSWERABLE} for
 * one they contradict. Applies only to answers that are wholly a refusal; a refusal sentence after a real answer
 * is set aside (see {@link AnswerShape}) and the answer is judged on its claims.
 */
@ApplicationScoped
public class RefusalSignal implements ConfidenceSignal {

    static final int MIN_TERMS = 2;
    static final double ANSWERABLE = 0.2;

    @Override
    public String name() {
        return "refusal";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        if (context.shape().kind() != AnswerShape.Kind.REFUSAL) {
            return Optional.empty();
        }
        String says = context.shape().refusalText().map(t -> "'" + t + "'").orElse("a refusal");
        Set<String> terms = new LinkedHashSet<>();
        context.questionText().ifPresent(q -> q.sentences().forEach(s -> {
            terms.addAll(s.contentStems());
            terms.addAll(s.names());
        }));
        if (terms.size() >= MIN_TERMS) {
            for (int p = 0; p < context.passageTexts().size(); p++) {
                AnalyzedText passage = context.passageTexts().get(p);
                for (AnalyzedSentence sentence : passage.sentences()) {
                    if (sentence.terms().containsAll(terms) || sentence.stemSet().containsAll(terms)) {
                        return Optional.of(SignalResult.of(ANSWERABLE, "the answer declines (" + says + "), but "
                                + "passage [" + context.passages().get(p).index() + "] has every term of the question ("
                                + quoted(List.copyOf(terms)) + "): the answer is probably there"));
                    }
                }
            }
        }
        return Optional.of(SignalResult.of(1, "the answer declines (" + says + ") and no passage sentence holds all "
                + "of the question's terms: a refusal the passages bear out"));
    }

    private static String quoted(List<String> items) {
        return String.join(", ", items.stream().limit(4).map(s -> "'" + s + "'").toList());
    }
}
