package io.confidencegateway.confidence;

import java.util.List;

/**
 * A scored answer: confidence in [0,1], its label, every signal that applied (value, model weight, reason), and
 * the answer sentences some signal doubts, by index, so a UI can highlight them.
 */
public record ConfidenceScore(double confidence, String confidenceLabel, List<SignalScore> signals,
        List<UnsupportedClaim> unsupportedClaims) {

    /** One signal's contribution. */
    public record SignalScore(String name, double value, double weight, String reason) {
    }

    /** An answer sentence that lacks support, and why. */
    public record UnsupportedClaim(int sentenceIndex, String text, String reason) {
    }
}
