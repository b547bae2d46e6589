package io.confidencegateway.confidence;

import java.util.ArrayList;
import java.util.List;

/**
 * How well one answer sentence is supported by its best passage window (a passage sentence and its
 * neighbours): content-word coverage, names and quantities absent from every passage or only found elsewhere,
 * a negation that differs, antonyms of the claim's words found in the window, and the combined score in [0,1].
 */
public record SupportMatch(int sentenceIndex, int passageIndex, int passageSentence, double coverage,
        List<String> absentNames, List<String> absentQuantities, int displaced, boolean negationMismatch,
        List<String> antonyms, double score) {

    /** Below this score a sentence counts as unsupported. */
    public static final double SUPPORTED = 0.5;

    public boolean supported() {
        return score >= SUPPORTED;
    }

    /** Why the sentence is (not) supported, in a few words a reviewer can check. */
    public String reason() {
        List<String> parts = new ArrayList<>();
        if (!absentNames.isEmpty()) {
            parts.add("no passage mentions " + quoted(absentNames));
        }
        if (!absentQuantities.isEmpty()) {
            parts.add("no passage states " + quoted(absentQuantities));
        }
        if (negationMismatch) {
            parts.add("negation differs from passage [" + passageIndex + "]");
        }
        if (!antonyms.isEmpty()) {
            parts.add("passage [" + passageIndex + "] says the opposite of " + quoted(antonyms));
        }
        if (displaced > 0 && parts.isEmpty()) {
            parts.add(displaced + " name(s) or number(s) appear only in another part of the passages");
        }
        if (passageIndex < 0) {
            parts.add("no passage to compare with");
        } else if (coverage < 0.5) {
            parts.add(Math.round(coverage * 100) + "% of its words appear in the closest passage [" + passageIndex
                    + "]");
        }
        if (parts.isEmpty()) {
            return "supported by passage [" + passageIndex + "]";
        }
        return String.join("; ", parts);
    }

    private static String quoted(List<String> items) {
        return String.join(", ", items.stream().distinct().limit(3).map(s -> "'" + s + "'").toList());
    }
}
