package io.confidencegateway.evaluation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Background evaluations of prompt versions. */
@ConfigMapping(prefix = "gateway.evaluations")
public interface EvaluationsConfig {

    /**
     * How long a running evaluation may go without a heartbeat before any replica marks it failed ("the gateway
     * instance running it stopped"). The replica running it refreshes the heartbeat every check-interval, so keep
     * it several check-intervals long, and above a long GC pause or a database fail-over.
     */
    @WithDefault("2m")
    Duration lease();

    /** How often each replica refreshes the heartbeats of the evaluations it runs and looks for expired leases. */
    @WithDefault("30s")
    Duration checkInterval();
}
