package io.confidencegateway.inference;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How answers are recorded. */
@ConfigMapping(prefix = "gateway.recording")
public interface RecordingConfig {

    /** Answer records waiting for storage at most; beyond it records are dropped and counted. */
    @WithDefault("100000")
    int queueSize();

    /**
     * How long a write that refers to a queued record (feedback on a chat completion) waits for the writer's commit
     * of it; after that (the database failing, the writer retrying) the write is answered 503 with Retry-After.
     */
    @WithDefault("5s")
    java.time.Duration durableWait();
}
