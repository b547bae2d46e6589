package io.confidencegateway.store;

import java.util.HashMap;
import java.util.Map;

import io.confidencegateway.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Boots the gateway on PostgreSQL. Where the database is comes from system properties or the environment
 * ({@code GATEWAY_TEST_PG_URL}, {@code GATEWAY_TEST_PG_USER}, {@code GATEWAY_TEST_PG_PASSWORD}; {@code .ci/run} sets
 * them), defaulting to a local {@code gateway_test} database (see {@link TestDatabase}).
 */
public class PostgresTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        var overrides = new HashMap<>(TestDatabase.gatewaySettings());
        // Nothing should land here while H2 is inactive; if it does, it stays apart from the H2 tests' files.
        overrides.put("gateway.data-dir", "./target/test-data-postgres");
        return overrides;
    }
}
