package io.confidencegateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class DatabaseKindInterceptorTest {

    private static final String H2_ACTIVE = "quarkus.datasource.active";
    private static final String PG_ACTIVE = "quarkus.datasource.postgresql.active";
    private static final String PG_ACTIVE_QUOTED = "quarkus.datasource.\"postgresql\".active";

    @ParameterizedTest(name = "kind={0}, h2.active={1}, postgresql.active={2} -> h2 {3}, postgresql {4}")
    @CsvSource(nullValues = "-", value = {
            // kind        explicit h2  explicit pg  h2 active  pg active
            "-,            -,           -,           true,      false",
            "h2,           -,           -,           true,      false",
            "postgresql,   -,           -,           false,     true",
            "' PostgreSQL ', -,         -,           false,     true",
            "H2,           -,           -,           true,      false",
            // an explicit setting wins over the derived one, key by key
            "h2,           -,           true,        true,      true",
            "postgresql,   true,        -,           true,      true",
            "postgresql,   -,           false,       false,     false",
            "h2,           false,       -,           false,     false",
    })
    void kindDecidesWhichDatasourceIsActiveUnlessSetExplicitly(String kind, String h2Explicit, String pgExplicit,
            boolean h2Active, boolean pgActive) {
        Map<String, String> properties = new HashMap<>();
        put(properties, "gateway.database.kind", kind);
        put(properties, H2_ACTIVE, h2Explicit);
        put(properties, PG_ACTIVE, pgExplicit);

        SmallRyeConfig config = config(properties);

        assertThat(config.getValue(H2_ACTIVE, Boolean.class)).as("default (H2) datasource active").isEqualTo(h2Active);
        assertThat(config.getValue(PG_ACTIVE, Boolean.class)).as("postgresql datasource active").isEqualTo(pgActive);
        assertThat(config.getValue(PG_ACTIVE_QUOTED, Boolean.class)).as("quoted key").isEqualTo(pgActive);
    }

    @ParameterizedTest
    @CsvSource({ "h2, false", "postgresql, true" })
    void anExplicitQuotedKeyAlsoWins(String kind, boolean explicit) {
        SmallRyeConfig config = config(
                Map.of("gateway.database.kind", kind, PG_ACTIVE_QUOTED, String.valueOf(explicit)));

        assertThat(config.getValue(PG_ACTIVE_QUOTED, Boolean.class)).isEqualTo(explicit);
    }

    @ParameterizedTest
    @CsvSource({ "quarkus.datasource.jdbc.url", "quarkus.datasource.postgresql.jdbc.max-size", "gateway.data-dir" })
    void otherKeysPassThroughUntouched(String key) {
        SmallRyeConfig config = config(Map.of("gateway.database.kind", "postgresql", key, "as-configured"));

        assertThat(config.getValue(key, String.class)).isEqualTo("as-configured");
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withInterceptors(new DatabaseKindInterceptor())
                .build();
    }

    private static void put(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
