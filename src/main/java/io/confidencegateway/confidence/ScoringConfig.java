package io.confidencegateway.confidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and defaults of {@code POST /v1/score}; larger inputs get a 400 problem that names the limit. */
@ConfigMapping(prefix = "gateway.score")
public interface ScoringConfig {

    /** Longest answer accepted, in characters. */
    @WithDefault("20000")
    int maxAnswerChars();

    /** Most passages accepted per answer. */
    @WithDefault("50")
    int maxPassages();

    /** Longest single passage accepted, in characters. */
    @WithDefault("20000")
    int maxPassageChars();

    /** Largest total of all passages of one answer, in characters. */
    @WithDefault("100000")
    int maxTotalPassageChars();

    /** Most items in one {@code POST /v1/score/batch} request. */
    @WithDefault("100")
    int maxBatchItems();

    /** Confidence at or above which an answer is labelled {@code high_confidence}, unless the request says otherwise. */
    @WithDefault("0.85")
    double highThreshold();

    /** Confidence at or above which an answer is labelled {@code medium_confidence} (below: {@code low_confidence}). */
    @WithDefault("0.60")
    double mediumThreshold();
}
