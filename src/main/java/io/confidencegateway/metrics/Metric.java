package io.confidencegateway.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One product metric: its value, {@code null} when there is no data (never a made-up 0), and the sample it was
 * computed from (the denominator of a rate; for CSAT the scored answers, for latency the answers, for adoption
 * the active users, for cost per resolution the resolved answers).
 */
public record Metric(Double value, @JsonProperty("sample_size") long sampleSize) {

    public static Metric none(long sampleSize) {
        return new Metric(null, sampleSize);
    }

    /** {@code numerator / denominator}, or null for an empty denominator. */
    public static Metric ratio(long numerator, long denominator) {
        return denominator == 0 ? none(0) : new Metric((double) numerator / denominator, denominator);
    }

    public boolean hasData() {
        return value != null;
    }
}
