package io.confidencegateway.store;

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
    }
}
