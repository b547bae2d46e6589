package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.Words;

/**
 * Unsupported content: the share of the claims' content words (and names) that occur in no passage, as word or
 * stem (or in the question, which an answer may restate). A share, not a count, so a long faithful answer is not punished for its length, while an added clause
 * ("purity <em>and innocence</em>") moves it however well the rest of its sentence is covered. The value is
 * {@code 1 − share}; sentences with two or more such words are flagged with them.
 */
@ApplicationScoped
public class UnsupportedContentSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "unsupported_content";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        if (!UnsupportedContentSignal.applies(context)) {
            return Optional.empty();
        }
        int total = 0;
        Set<String> novel = new LinkedHashSet<>();
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (AnalyzedSentence claim : context.claims()) {
            List<String> here = new ArrayList<>();
            for (String token : claim.tokens()) {
                if (!Words.isContent(token) || token.length() < 2) {
                    continue;
                }
                total++;
                if (!known(token, context)) {
                    here.add(token);
                }
            }
            novel.addAll(here);
            if (here.size() >= 2) {
                flags.add(new SignalResult.Flag(claim.index(), "in no passage: " + quoted(here)));
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        long missing = context.claims().stream().flatMap(c -> c.tokens().stream())
                .filter(t -> Words.isContent(t) && t.length() >= 2 && !known(t, context)).count();
        double share = (double) missing / total;
        String reason = missing == 0 ? "every content word of the answer appears in the passages"
                : String.format(Locale.ROOT, "%d of %d content words appear in no passage (%.0f%%): %s", missing,
                        total, 100 * share, quoted(List.copyOf(novel)));
        return Optional.of(new SignalResult(1 - share, reason, flags));
    }

    /**
     * The content-share signals judge answers to a question. Without one the text is a summary or rewrite of the
     * passages, where rewording is the norm: on SummEdits, faithful summaries have <em>more</em> words outside the
     * document than corrupted ones (AUROC 0.45), while on RAGTruth's answers the share is among the strongest
     * signals (0.72). So they do not apply without a question, and the model keeps one set of weights for both.
     */
    static boolean applies(ScoringContext context) {
        return context.questionText().isPresent() && !context.claims().isEmpty() && !context.passageTexts().isEmpty();
    }

    /** In a passage or in the question: restating the question's words is not inventing. */
    static boolean known(String token, ScoringContext context) {
        if (inPassages(token, context.passageTexts())) {
            return true;
        }
        return context.questionText().map(q -> q.tokenSet().contains(token) || q.stemSet().contains(Words.stem(token)))
                .orElse(false);
    }

    static boolean inPassages(String token, List<AnalyzedText> passages) {
        String stem = Words.stem(token);
        for (AnalyzedText passage : passages) {
            if (passage.tokenSet().contains(token) || passage.stemSet().contains(stem)) {
                return true;
            }
        }
        return false;
    }

    static String quoted(List<String> items) {
        return String.join(", ", items.stream().distinct().limit(4).map(s -> "'" + s + "'").toList());
    }
}
