package io.confidencegateway.feedback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.review.ReviewResolved;
import io.confidencegateway.store.Database;
import io.confidencegateway.testing.AnswerRows;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class FeedbackResourceTest {

    /** This class's start of the gateway, in the ledger of accepted feedback. */
    static final String BOOT = "default";

    static final String DRAFT = "The refund window is 30 days from purchase.";

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(20);

    @Inject
    Database database;

    @Inject
    ReviewVerdicts verdicts;

    private UUID answer() {
        return AnswerRows.insert(database, new AnswerRows.Answer("feedback-test", "agent-1", 0.72, "deliver", 640,
                0.0002, DRAFT, Instant.now()));
    }

    private static io.restassured.response.Response post(UUID answer, String key, String body) {
        var request = given().contentType("application/json").body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/answers/" + answer + "/feedback");
    }

    @Test
    void acceptedFeedbackIsCommittedBeforeThe201AndCarriesTheEditRatio() throws Exception {
        UUID answer = answer();
        JsonPath event = post(answer, null, """
                {"rating": "up", "final_text": "The refund window is 14 days from purchase.", "resolved": true,
                 "csat": 5, "user_id": "agent-1", "comment": "customer happy"}""")
                .then().statusCode(201).body("answer_id", equalTo(answer.toString()))
                .body("product", equalTo("feedback-test")).body("source", equalTo("api"))
                .body("judged_correct", equalTo(true)).body("edit_ratio", equalTo(0.125f))
                .body("edited", equalTo(true)).body("csat", equalTo(5)).body("created_at", notNullValue())
                .extract().jsonPath();
        UUID id = UUID.fromString(event.getString("id"));

        try (Connection fresh = AnswerRows.freshConnection();
                PreparedStatement select = fresh.prepareStatement(
                        "SELECT answer_id, rating, edit_ratio, csat FROM feedback WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("the event is visible to a connection outside the pool").isTrue();
                assertThat(row.getObject(1, UUID.class)).isEqualTo(answer);
                assertThat(row.getString(2)).isEqualTo("up");
                assertThat(row.getDouble(3)).isEqualTo(0.125);
                assertThat(row.getInt(4)).isEqualTo(5);
            }
        }
        AcceptedFeedbackLedger.accepted(BOOT, answer.toString(), id.toString());
    }

    @Test
    void feedbackAcceptedOnTheRestartedGatewayIsReadableHere() throws Exception {
        // Whichever of the two starts runs second checks the first; on a clean build the first finds nothing yet.
        AcceptedFeedbackLedger.verifyAcceptedBy(FeedbackAfterRestartTest.BOOT);
    }

    @Test
    void theSameKeyAndBodyTwiceStoreOneEventAndAnswerTheSame() throws Exception {
        UUID answer = answer();
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"rating\": \"down\", \"hallucination_span\": {\"start\": 4, \"end\": 17}}";
        String first = post(answer, key, body).then().statusCode(201).extract().asString();
        String second = post(answer, key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .extract().asString();

        assertThat(second).isEqualTo(first);
        assertThat(JsonPath.from(first).getBoolean("hallucination")).isTrue();
        assertThat(storedEvents(answer)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndStoresNothingMore() throws Exception {
        UUID answer = answer();
        String key = "reused-" + UUID.randomUUID();
        post(answer, key, "{\"csat\": 4}").then().statusCode(201);
        post(answer, key, "{\"csat\": 2}").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("Idempotency-Key")).body("errors.field", hasItem("Idempotency-Key"));
        post(answer(), key, "{\"csat\": 4}").then().statusCode(422);
        assertThat(storedEvents(answer)).isEqualTo(1);
    }

    @Test
    void severalEventsPerAnswerAreKeptInOrder() {
        UUID answer = answer();
        post(answer, null, "{\"rating\": \"up\"}").then().statusCode(201);
        post(answer, null, "{\"escalated\": true, \"final_text\": \"" + DRAFT + "\"}").then().statusCode(201)
                .body("edit_ratio", equalTo(0.0f)).body("edited", equalTo(false));
        given().get("/v1/answers/" + answer + "/feedback").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].rating", equalTo("up")).body("[1].escalated", equalTo(true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"csat": 7}               | csat
            {"rating": "meh"}         | rating
            {"resolved": "yes"}       | resolved
            {"csat": "five"}          | csat
            {"comment": "just words"} | rating
            """)
    void outOfRangeOrMistypedValuesAre400NamingTheField(String body, String field) {
        post(answer(), null, body).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors.field", hasItem(field));
    }

    @ParameterizedTest(name = "[{index}] {0} characters")
    @CsvSource({"0", "1", "201", "10000"})
    void anEmptyBlankOrHugeIdempotencyKeyIsA400SayingWhatIsAllowed(int length) throws Exception {
        UUID answer = answer();
        String key = length == 1 ? " " : "k".repeat(length);
        post(answer, key, "{\"rating\": \"up\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"))
                .body("detail", containsString("must be 1 to 200 printable ASCII characters"));
        assertThat(storedEvents(answer)).isZero();
    }

    @Test
    void aFabricationSpanOutsideTheDraftIs422NamingTheSpanAndStoresNothing() throws Exception {
        UUID answer = answer();
        post(answer, null, "{\"hallucination_span\": \"60 days from delivery\"}").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("hallucination_span"))
                .body("detail", equalTo("hallucination_span: the quoted text \"60 days from delivery\" does not "
                        + "appear in the draft; quote it exactly as the draft has it"));
        post(answer, null, "{\"hallucination_span\": {\"start\": 4, \"end\": 44}}").then().statusCode(422)
                .body("detail", containsString("end 44 is past the end of the draft (43 characters)"));
        post(answer, null, "{\"hallucination_span\": {\"start\": 4, \"end\": 43}}").then().statusCode(201);
        post(answer, null, "{\"hallucination_span\": \"30 days\"}").then().statusCode(201);
        assertThat(storedEvents(answer)).isEqualTo(2);
    }

    @Test
    void feedbackOnAnUnknownAnswerIs404() {
        post(UUID.randomUUID(), null, "{\"rating\": \"up\"}").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"rating\": \"up\"}").post("/v1/answers/not-an-id/feedback")
                .then().statusCode(404);
    }

    @Test
    void aPlainChatCompletionTakesFeedbackAgainstItsRecordedContent() {
        OpenAiUpstreamStub.server().resetAll();
        OpenAiUpstreamStub.answer("Reset the router and wait two minutes.", 7, 7);
        String id = given().contentType("application/json").body("""
                {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "wifi?"}]}""")
                .post("/v1/chat/completions").then().statusCode(200).extract().header("X-Inference-Id");

        post(UUID.fromString(id), null, "{\"final_text\": \"Reset the router and wait five minutes.\"}").then()
                .statusCode(201).body("product", nullValue()).body("edit_ratio", equalTo(1f / 7))
                .body("edited", equalTo(true));
    }

    @Test
    void reviewVerdictsAreStoredOncePerReviewItem() {
        UUID approved = answer();
        UUID edited = answer();
        UUID rejected = answer();
        UUID item = UUID.randomUUID();
        ReviewResolved approve = new ReviewResolved(item, approved, "feedback-test", "rev-1", "approve", null, null,
                Instant.now());
        verdicts.record(approve).await().atMost(WAIT);
        verdicts.record(approve).await().atMost(WAIT);
        verdicts.record(new ReviewResolved(UUID.randomUUID(), edited, "feedback-test", "rev-1", "edit",
                "Refunds: you have 14 days from purchase, see policy.", "wrong window", Instant.now()))
                .await().atMost(WAIT);
        verdicts.record(new ReviewResolved(UUID.randomUUID(), rejected, "feedback-test", "rev-2", "reject", null,
                "made up", Instant.now())).await().atMost(WAIT);

        given().get("/v1/answers/" + approved + "/feedback").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].source", equalTo("review")).body("[0].review_action", equalTo("approve"))
                .body("[0].judged_correct", equalTo(true)).body("[0].review_item_id", equalTo(item.toString()));
        given().get("/v1/answers/" + edited + "/feedback").then().statusCode(200)
                .body("[0].edited", equalTo(true)).body("[0].judged_correct", equalTo(false))
                .body("[0].comment", equalTo("wrong window"));
        given().get("/v1/answers/" + rejected + "/feedback").then().statusCode(200)
                .body("[0].judged_correct", equalTo(false)).body("[0].user_id", equalTo("rev-2"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("gateway_feedback_events_total\\{[^}]*kind=\"review_approve\"[^}]*"
                + "product=\"feedback-test\"[^}]*\\} 1.0");
    }

    private int storedEvents(UUID answer) throws Exception {
        try (Connection fresh = AnswerRows.freshConnection();
                PreparedStatement count = fresh.prepareStatement("SELECT COUNT(*) FROM feedback WHERE answer_id = ?")) {
            count.setObject(1, answer);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
