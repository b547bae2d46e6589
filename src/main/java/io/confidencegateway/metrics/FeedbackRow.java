package io.confidencegateway.metrics;

import java.util.UUID;

/** What the metrics read of one feedback event (each field null when the event did not carry it). */
public record FeedbackRow(UUID answerId, Boolean judgedCorrect, Boolean hallucination, Double editRatio,
        Boolean resolved, Boolean escalated, Integer csat) {
}
