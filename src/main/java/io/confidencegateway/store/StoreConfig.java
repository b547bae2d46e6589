package io.confidencegateway.store;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway keeps its data. */
@ConfigMapping(prefix = "gateway")
public interface StoreConfig {

    /**
     * Directory for everything the embedded default writes (the H2 database, later the search index). A relative
     * path must start with {@code ./} (H2 refuses implicitly relative paths).
     */
    @WithDefault("./data")
    String dataDir();

    /** The database. */
    Database database();

    /** The database settings. */
    interface Database {
        /** {@code h2} (embedded file database under the data dir) or {@code postgresql}. */
        @WithDefault("h2")
        String kind();

        /** JDBC URL of the PostgreSQL database, e.g. {@code jdbc:postgresql://localhost:5432/gateway}. */
        Optional<String> url();

        /** PostgreSQL user name. */
        Optional<String> username();

        /** PostgreSQL password; read it from the environment. */
        Optional<String> password();

        /** Online compaction of the H2 file (H2 only; see README, "Storage"). */
        H2Compaction h2Compaction();
    }

    /**
     * With {@code WRITE_DELAY=0} H2 runs no background writer, so nothing rewrites the chunk each commit leaves
     * behind; the gateway compacts the file itself, in short steps on a worker thread.
     */
    interface H2Compaction {
        /** Time between compaction steps; {@code 0s} turns online compaction off (the file then grows per commit). */
        @WithDefault("1s")
        Duration interval();

        /**
         * Longest one step may take. Commits wait while a step runs (it holds H2's store lock), so this is also
         * the worst delay a step adds to a write.
         */
        @WithDefault("50ms")
        Duration maxTime();
    }
}
