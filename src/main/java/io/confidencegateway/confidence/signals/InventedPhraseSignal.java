package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.Words;

/**
 * Invented phrases: runs of the answer's words whose content words are all in no passage (nor the question),
 * with at least {@link #MIN_WORDS} content words — an added clause ("and innocence", "for an hour or two") rather
 * than one paraphrased word. The value is {@code 1 / (1 + runs)}: each invented phrase halves what is left.
 */
@ApplicationScoped
public class InventedPhraseSignal implements ConfidenceSignal {

    static final int MIN_WORDS = 2;

    @Override
    public String name() {
        return "invented_phrases";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        if (!UnsupportedContentSignal.applies(context)) {
            return Optional.empty();
        }
        List<String> phrases = new ArrayList<>();
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (AnalyzedSentence claim : context.claims()) {
            List<String> here = runs(claim.tokens(), context);
            phrases.addAll(here);
            if (!here.isEmpty()) {
                flags.add(new SignalResult.Flag(claim.index(), UnsupportedContentSignal.quoted(here)
                        + (here.size() == 1 ? " is" : " are") + " in no passage"));
            }
        }
        String reason = phrases.isEmpty() ? "no phrase of two or more content words is missing from the passages"
                : phrases.size() + " phrase(s) in no passage: " + UnsupportedContentSignal.quoted(phrases);
        return Optional.of(new SignalResult(1.0 / (1 + phrases.size()), reason, flags));
    }

    /** Maximal runs of tokens whose content words are all unknown, stop words allowed inside. */
    static List<String> runs(List<String> tokens, ScoringContext context) {
        List<String> out = new ArrayList<>();
        int start = -1;
        int end = -1;
        int content = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            String token = i < tokens.size() ? tokens.get(i) : null;
            boolean contentWord = token != null && Words.isContent(token) && token.length() >= 2;
            boolean novel = contentWord && !UnsupportedContentSignal.known(token, context);
            if (novel) {
                if (start < 0) {
                    start = i;
                }
                end = i;
                content++;
            } else if (token == null || contentWord || Character.isDigit(token.charAt(0))) {
                if (content >= MIN_WORDS) {
                    out.add(String.join(" ", tokens.subList(start, end + 1)));
                }
                start = -1;
                content = 0;
            }
        }
        return out;
    }
}
