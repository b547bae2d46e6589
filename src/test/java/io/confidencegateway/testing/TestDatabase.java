package io.confidencegateway.testing;

import java.util.Locale;
import java.util.Map;

/**
 * Where the PostgreSQL database of the {@code postgres}-tagged tests is, for {@code PostgresTestProfile} and the
 * process ITs alike: {@code GATEWAY_TEST_PG_URL}, {@code GATEWAY_TEST_PG_USER}, {@code GATEWAY_TEST_PG_PASSWORD}
 * ({@code .ci/run} sets them), defaulting to a local {@code gateway_test} database.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static String url() {
        return setting("GATEWAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/gateway_test");
    }

    public static String username() {
        return setting("GATEWAY_TEST_PG_USER", "gateway");
    }

    public static String password() {
        return setting("GATEWAY_TEST_PG_PASSWORD", "gateway");
    }

    /** The settings that put a packaged gateway on this database. */
    public static Map<String, String> gatewaySettings() {
        return Map.of("gateway.database.kind", "postgresql", "gateway.database.url", url(),
                "gateway.database.username", username(), "gateway.database.password", password());
    }

    /** A system property named like the variable in lower case with dots ({@code gateway.test.pg.url}) wins. */
    private static String setting(String envName, String fallback) {
        String property = System.getProperty(envName.toLowerCase(Locale.ROOT).replace('_', '.'));
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(envName);
        return env == null || env.isBlank() ? fallback : env;
    }
}
