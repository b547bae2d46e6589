package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
import java.util.HashSet;
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
 * Novel phrases: the share of the claims' word pairs (two content words next to each other, stems) that no
 * passage has within {@link #GAP} words of each other. Every word of "horse and buggy intersection in London" can
 * be in the passages while "intersection … London" is not; a pair found elsewhere in reverse order still counts.
 */
@ApplicationScoped
public class NovelPhraseSignal implements ConfidenceSignal {

    static final int GAP = 3;

    @Override
    public String name() {
        return "novel_phrases";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        if (!UnsupportedContentSignal.applies(context)) {
            return Optional.empty();
        }
        Set<String> known = new HashSet<>();
        for (AnalyzedText passage : context.passageTexts()) {
            for (AnalyzedSentence sentence : passage.sentences()) {
                List<String> stems = contentStems(sentence);
                for (int i = 0; i < stems.size(); i++) {
                    for (int j = i + 1; j <= Math.min(stems.size() - 1, i + GAP); j++) {
                        known.add(stems.get(i) + " " + stems.get(j));
                        known.add(stems.get(j) + " " + stems.get(i));
                    }
                }
            }
        }
        int total = 0;
        List<String> novel = new ArrayList<>();
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (AnalyzedSentence claim : context.claims()) {
            List<String> stems = contentStems(claim);
            List<String> words = contentWords(claim);
            List<String> here = new ArrayList<>();
            for (int i = 0; i + 1 < stems.size(); i++) {
                total++;
                if (!known.contains(stems.get(i) + " " + stems.get(i + 1))) {
                    here.add(words.get(i) + " " + words.get(i + 1));
                }
            }
            novel.addAll(here);
            if (here.size() >= 2) {
                flags.add(new SignalResult.Flag(claim.index(), "word pairs found together in no passage: "
                        + UnsupportedContentSignal.quoted(here)));
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        double share = (double) novel.size() / total;
        String reason = novel.isEmpty() ? "every pair of neighbouring content words occurs together in a passage"
                : String.format(Locale.ROOT, "%d of %d neighbouring word pairs occur together in no passage: %s",
                        novel.size(), total, UnsupportedContentSignal.quoted(novel));
        return Optional.of(new SignalResult(1 - share, reason, flags));
    }

    private static List<String> contentWords(AnalyzedSentence sentence) {
        return sentence.tokens().stream().filter(t -> Words.isContent(t) && t.length() >= 2).toList();
    }

    private static List<String> contentStems(AnalyzedSentence sentence) {
        return contentWords(sentence).stream().map(Words::stem).toList();
    }
}
