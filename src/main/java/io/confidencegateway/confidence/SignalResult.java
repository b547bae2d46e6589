package io.confidencegateway.confidence;

import java.util.List;

/**
 * What one signal concluded: a value in [0,1] (1 = this signal sees no reason for doubt), a short sentence a
 * person can read ("2 of 5 sentences lack support"), the answer sentences it flags, by index, with why, and the
 * words it found for the model's term weights ({@link ConfidenceModel.Terms}: e.g. the answer's words that are in no
 * passage, each weighed on its own). Most signals carry no terms.
 */
public record SignalResult(double value, String reason, List<Flag> flags, List<String> terms) {

    public SignalResult {
        if (Double.isNaN(value) || value < 0 || value > 1) {
            throw new IllegalArgumentException("signal value must be in [0,1], was " + value);
        }
        flags = flags == null ? List.of() : List.copyOf(flags);
        terms = terms == null ? List.of() : List.copyOf(terms);
    }

    public SignalResult(double value, String reason, List<Flag> flags) {
        this(value, reason, flags, List.of());
    }

    public static SignalResult of(double value, String reason) {
        return new SignalResult(value, reason, List.of());
    }

    /** One answer sentence this signal doubts, and why. */
    public record Flag(int sentenceIndex, String reason) {
    }
}
