package io.confidencegateway.privacy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Text with its personal data replaced by placeholders, and how many of each type were replaced.
 *
 * @param text the redacted text
 * @param counts occurrences replaced per type; types that did not occur are absent
 */
public record Redaction(String text, Map<PiiType, Integer> counts) {

    public Redaction {
        counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** Whether anything was redacted. */
    public boolean redactedAny() {
        return !counts.isEmpty();
    }

    /** Occurrences replaced, all types together. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
