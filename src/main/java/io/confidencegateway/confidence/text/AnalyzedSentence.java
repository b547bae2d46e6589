package io.confidencegateway.confidence.text;

import java.util.List;
import java.util.Set;

/**
 * One sentence with everything the signals need, computed once: its position, text (citation markers removed),
 * lower-case tokens, content-word stems (no stop words, names or numbers), names, quantities, whether it is
 * negated, and the passage numbers it cites ({@code [2]} → 2).
 */
public record AnalyzedSentence(int index, String text, List<String> tokens, List<String> contentStems,
        List<String> names, List<Quantity> quantities, boolean negated, List<Integer> citations, Set<String> terms) {

    /** {@code terms} (content stems and names, for constant-time lookups) is derived from the other parts. */
    public AnalyzedSentence(int index, String text, List<String> tokens, List<String> contentStems, List<String> names,
            List<Quantity> quantities, boolean negated, List<Integer> citations) {
        this(index, text, tokens, contentStems, names, quantities, negated, citations, union(contentStems, names));
    }

    private static Set<String> union(List<String> a, List<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** All stems of this sentence (content or not), for matching against a supporting window. */
    public Set<String> stemSet() {
        return Set.copyOf(tokens.stream().map(Words::stem).toList());
    }
}
