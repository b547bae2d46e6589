package io.confidencegateway.prompt;

import org.junit.jupiter.api.Tag;

import io.confidencegateway.store.PostgresTestProfile;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Prompt versions, the sticky split, rollback and a label moved by another replica on a real PostgreSQL (the shared
 * store of several replicas); runs in the {@code postgres} Maven profile (see {@code .ci/run}).
 */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
@Tag("postgres")
class PostgresPromptVersionsTest extends PromptVersionsTest {
}
