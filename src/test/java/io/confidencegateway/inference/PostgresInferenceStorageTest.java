package io.confidencegateway.inference;

import org.junit.jupiter.api.Tag;

import io.confidencegateway.store.PostgresTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The storage behaviours on a real PostgreSQL; runs in the {@code postgres} Maven profile (see {@code .ci/run}). */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
@Tag("postgres")
class PostgresInferenceStorageTest extends InferenceStorageTest {

    @Override
    String expectedKind() {
        return "postgresql";
    }

    @Override
    String expectedProductName() {
        return "PostgreSQL";
    }
}
