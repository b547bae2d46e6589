package io.confidencegateway.feedback;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.AnswerRows;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Runs on its own start of the gateway and, with {@link FeedbackResourceTest} on the default start, proves that
 * no accepted feedback is lost across a restart: each reads back what the other start accepted.
 */
@QuarkusTest
@TestProfile(FeedbackAfterRestartTest.Restarted.class)
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class FeedbackAfterRestartTest {

    static final String BOOT = "restarted";

    /** The same configuration under another name: enough for Quarkus to stop the app and start it again. */
    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.feedback.edit-threshold", "0.10");
        }
    }

    @Inject
    Database database;

    @Test
    void feedbackAcceptedOnTheOtherStartIsStillThereAndThisStartsIsWrittenDown() throws Exception {
        AcceptedFeedbackLedger.verifyAcceptedBy(FeedbackResourceTest.BOOT);

        UUID answer = AnswerRows.insert(database, new AnswerRows.Answer("feedback-test", "agent-2", 0.9, "deliver",
                300, 0.0001, FeedbackResourceTest.DRAFT, Instant.now()));
        String id = given().contentType("application/json").body("{\"resolved\": true, \"csat\": 4}")
                .post("/v1/answers/" + answer + "/feedback").then().statusCode(201).extract().path("id");
        AcceptedFeedbackLedger.accepted(BOOT, answer.toString(), id);
    }
}
