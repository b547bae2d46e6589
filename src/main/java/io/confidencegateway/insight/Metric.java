package io.confidencegateway.insight;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One product metric: its value, {@code null} when there is no data (never a made-up 0), and the sample it was
 * computed from (the denominator of a rate; for CSAT the scored answers, for latency the answers, for adoption
 * the active users, for cost per resolution the resolved answers). A value without data has sample size 0
 * whatever the caller counted, so that {@code null} and {@code sample_size: 0} always go together.
 */
public record Metric(Double value, @JsonProperty("sample_size") long sampleSize) {

    public Metric {
        if (value == null) {
            sampleSize = 0;
        }
    }

    /** No data: {@code null} with sample size 0. */
    public static Metric none() {
        return new Metric(null, 0);
    }

    /** {@code numerator / denominator}, or null for an empty denominator. */
    public static Metric ratio(long numerator, long denominator) {
        return denominator == 0 ? none() : new Metric((double) numerator / denominator, denominator);
    }

    public boolean hasData() {
        return value != null;
    }
}
