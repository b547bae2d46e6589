package io.confidencegateway.confidence.text;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A text split into analysed sentences, with the sets that lookups need. */
public record AnalyzedText(String text, List<AnalyzedSentence> sentences, Set<String> tokenSet, Set<String> stemSet,
        List<Quantity> quantities, int wordCount) {

    static AnalyzedText of(String text, List<AnalyzedSentence> sentences) {
        Set<String> tokens = new HashSet<>();
        Set<String> stems = new HashSet<>();
        List<Quantity> quantities = new java.util.ArrayList<>();
        int words = 0;
        for (AnalyzedSentence s : sentences) {
            for (String token : s.tokens()) {
                tokens.add(token);
                tokens.add(Words.stem(token));
                stems.add(Words.stem(token));
            }
            quantities.addAll(s.quantities());
            words += s.tokens().size();
        }
        return new AnalyzedText(text, List.copyOf(sentences), Set.copyOf(tokens), Set.copyOf(stems),
                List.copyOf(quantities), words);
    }

    /** True when a normalised quantity equal to {@code q} occurs in this text. */
    public boolean mentions(Quantity q) {
        return quantities.stream().anyMatch(q::matches);
    }
}
