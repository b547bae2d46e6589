package io.confidencegateway.confidence;

/** Where the labels change: {@code high_confidence} at or above {@code high}, {@code medium_confidence} at or above
 * {@code medium}, else {@code low_confidence}. */
public record Thresholds(double high, double medium) {

    public static final Thresholds DEFAULT = new Thresholds(0.85, 0.60);

    public Thresholds {
        if (!(medium >= 0 && medium <= high && high <= 1)) {
            throw new IllegalArgumentException("thresholds need 0 <= medium <= high <= 1");
        }
    }

    public String label(double confidence) {
        if (confidence >= high) {
            return "high_confidence";
        }
        return confidence >= medium ? "medium_confidence" : "low_confidence";
    }
}
