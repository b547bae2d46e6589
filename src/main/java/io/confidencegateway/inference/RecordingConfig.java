package io.confidencegateway.inference;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How answers are recorded. */
@ConfigMapping(prefix = "gateway.recording")
public interface RecordingConfig {

    /** Answer records waiting for storage at most; beyond it records are dropped and counted. */
    @WithDefault("100000")
    int queueSize();
}
