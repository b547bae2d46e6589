package io.confidencegateway.store;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Boots the gateway on PostgreSQL. Where the database is comes from system properties or the environment
 * ({@code GATEWAY_TEST_PG_URL}, {@code GATEWAY_TEST_PG_USER}, {@code GATEWAY_TEST_PG_PASSWORD}; {@code .ci/run} sets
 * them), defaulting to a local {@code gateway_test} database.
 */
public class PostgresTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.database.kind", "postgresql",
                "gateway.database.url", setting("GATEWAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/gateway_test"),
                "gateway.database.username", setting("GATEWAY_TEST_PG_USER", "gateway"),
                "gateway.database.password", setting("GATEWAY_TEST_PG_PASSWORD", "gateway"),
                // Nothing should land here while H2 is inactive; if it does, it stays apart from the H2 tests' files.
                "gateway.data-dir", "./target/test-data-postgres");
    }

    /** A system property named like the variable in lower case with dots ({@code gateway.test.pg.url}) wins. */
    private static String setting(String envName, String fallback) {
        String property = System.getProperty(envName.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(envName);
        return env == null || env.isBlank() ? fallback : env;
    }
}
