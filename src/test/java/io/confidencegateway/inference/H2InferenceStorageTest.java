package io.confidencegateway.inference;

import io.quarkus.test.junit.QuarkusTest;

/** The storage behaviours on the embedded default: an H2 file database under {@code target/test-data}. */
@QuarkusTest
class H2InferenceStorageTest extends InferenceStorageTest {

    @Override
    String expectedKind() {
        return "h2";
    }

    @Override
    String expectedProductName() {
        return "H2";
    }
}
