package io.confidencegateway.feedback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How feedback is interpreted. */
@ConfigMapping(prefix = "gateway.feedback")
public interface FeedbackConfig {

    /**
     * An answer counts as edited when the word edit-distance ratio between the draft and the text the agent sent
     * ({@code final_text}) is above this value (0–1). The default 0.10 ignores touch-ups such as a greeting or a
     * fixed typo in a ten-word answer.
     */
    @WithDefault("0.10")
    double editThreshold();

    /**
     * How often resolved review items are checked for a verdict that was not recorded (a store failure at the
     * moment of resolution); also checked at every start.
     */
    @WithDefault("60s")
    java.time.Duration verdictSweep();
}
