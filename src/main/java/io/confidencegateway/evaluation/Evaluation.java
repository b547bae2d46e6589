package io.confidencegateway.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An evaluation of one prompt version over the product's golden set.
 *
 * @param status {@code running}, {@code finished} or {@code failed}
 * @param completed questions answered so far, of {@code total}
 * @param summary the figures over all questions, once finished (null before)
 * @param questions the per-question detail, once finished (empty before)
 * @param updatedAt the last heartbeat (or progress) of the replica running it; once over, when it ended
 * @param failure why a failed evaluation failed, in words that say what to do; null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Evaluation(UUID id, String product, int version, String status, int total, int completed,
        Summary summary, List<QuestionResult> questions, Instant createdAt, Instant finishedAt, Instant updatedAt,
        String failure) {

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    /** Why an evaluation whose runner stopped (its lease expired) failed. */
    public static final String RUNNER_STOPPED = "the gateway instance running it stopped; start it again";

    /**
     * The figures of an evaluation; rates are shares 0-1.
     *
     * @param citationHitRate share of questions whose answer cited one of the sources it must cite
     * @param meanConfidence mean confidence of the answers
     * @param handoffRate share of questions handed off to a person instead of answered
     * @param unsupportedClaimShare share of answers with at least one claim the passages do not support
     * @param referenceOverlap mean word overlap (F1) of the answers with the reference answers given; null when
     *        none was given
     * @param costUsd total provider cost of the run; null when unknown
     * @param meanLatencyMs mean time per answer
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(double citationHitRate, double meanConfidence, double handoffRate,
            double unsupportedClaimShare, Double referenceOverlap, Double costUsd, double meanLatencyMs) {
    }

    /** One question's answer and how it did. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QuestionResult(String question, String answer, List<String> citedSources, boolean citationHit,
            double confidence, boolean handedOff, int unsupportedClaims, Double referenceOverlap, Double costUsd,
            long latencyMs, String error) {
    }
}
