package io.confidencegateway.access;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The browser console's sign-in sessions ({@code gateway.console.*}). */
@ConfigMapping(prefix = "gateway.console")
public interface ConsoleConfig {

    /**
     * How long a console session lasts after sign-in (a working day by default); signing out, or revoking the key it
     * was opened with, ends it sooner.
     */
    @WithDefault("12h")
    Duration sessionLifetime();

    /**
     * How long a replica trusts what it last read about a session before reading its row again: the longest a
     * session ended on another replica (sign-out) keeps working here. A revoked key stops its sessions within
     * {@code gateway.access.refresh}.
     */
    @WithDefault("2s")
    Duration sessionRecheck();
}
