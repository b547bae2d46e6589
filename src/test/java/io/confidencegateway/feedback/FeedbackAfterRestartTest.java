package io.confidencegateway.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Runs on a second start of the gateway (a test profile forces the restart; Quarkus orders profiled classes after
 * the default ones) and reads back, through the API, every event that {@link FeedbackResourceTest} was given a
 * 201 for before the restart.
 */
@QuarkusTest
@TestProfile(FeedbackAfterRestartTest.Restarted.class)
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class FeedbackAfterRestartTest {

    /** The same configuration under another name: enough for Quarkus to stop the app and start it again. */
    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.feedback.edit-threshold", "0.10");
        }
    }

    @Test
    void feedbackAcceptedBeforeTheRestartIsStillThere() throws Exception {
        Assumptions.assumeTrue(Files.exists(FeedbackResourceTest.ACCEPTED),
                "runs after FeedbackResourceTest in the same build");
        List<String> accepted = Files.readAllLines(FeedbackResourceTest.ACCEPTED);
        assertThat(accepted).isNotEmpty();
        for (String line : accepted) {
            String[] ids = line.split(" ");
            given().get("/v1/answers/" + ids[0] + "/feedback").then().statusCode(200).body("id", hasItem(ids[1]));
        }
    }
}
