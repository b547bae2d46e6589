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
 * one they contradict (claim support then also reads the refusal as an unsupported claim about the passages).
 * Applies only to answers that are wholly a refusal, with nothing claimed beside the declining words: a refusal
 * sentence after a real answer, or one that goes on to claim something, is set aside (see {@link AnswerShape}) and
 * the answer is judged on its claims, so the refusal's credit never covers an unchecked claim.
 */
@ApplicationScoped
public class RefusalSignal implements ConfidenceSignal {

    static final int MIN_TERMS = 2;
    static final double ANSWERABLE = 0;
    // "How long", "how much", "how many": the question's form, not its subject; a passage answers "how long is the
    // refund window" without the word "long".
    private static final Set<String> QUESTION_IDIOMS = Set.of("long", "much", "many", "often", "far", "old", "big");

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
        return Optional.of(answeredBy(context).map(where -> SignalResult.of(ANSWERABLE, "the answer declines (" + says
                + "), but " + where + ": the answer is probably there"))
                .orElse(SignalResult.of(1, "the answer declines (" + says + ") and no passage sentence holds all of "
                        + "the question's terms: a refusal the passages bear out")));
    }

    /**
     * Where the passages plainly hold the answer to the question: "passage [n] has every term of the question
     * (…)", or empty when no passage sentence has all of them (or the question has fewer than {@link #MIN_TERMS}).
     */
    static Optional<String> answeredBy(ScoringContext context) {
        Set<String> terms = new LinkedHashSet<>();
        context.questionText().ifPresent(q -> q.sentences().forEach(s -> {
            terms.addAll(s.contentStems());
            terms.addAll(s.names());
        }));
        terms.removeAll(QUESTION_IDIOMS);
        if (terms.size() < MIN_TERMS) {
            return Optional.empty();
        }
        for (int p = 0; p < context.passageTexts().size(); p++) {
            AnalyzedText passage = context.passageTexts().get(p);
            for (AnalyzedSentence sentence : passage.sentences()) {
                if (sentence.terms().containsAll(terms) || sentence.stemSet().containsAll(terms)) {
                    return Optional.of("passage [" + context.passages().get(p).index() + "] has every term of the "
                            + "question (" + quoted(List.copyOf(terms)) + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static String quoted(List<String> items) {
        return String.join(", ", items.stream().limit(4).map(s -> "'" + s + "'").toList());
    }
}
