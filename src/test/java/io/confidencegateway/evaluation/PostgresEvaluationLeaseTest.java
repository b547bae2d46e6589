package io.confidencegateway.evaluation;

import org.junit.jupiter.api.Tag;

import io.confidencegateway.store.PostgresTestProfile;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Evaluation leases (V14: heartbeats and the sweep) on a real PostgreSQL, in the {@code postgres} profile. */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
@Tag("postgres")
class PostgresEvaluationLeaseTest extends EvaluationLeaseTest {
}
