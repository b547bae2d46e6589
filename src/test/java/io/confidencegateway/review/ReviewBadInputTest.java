package io.confidencegateway.review;

import static io.confidencegateway.review.ReviewFixtures.freshProduct;
import static io.confidencegateway.review.ReviewFixtures.item;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ReviewBadInputTest {

    @Inject
    ReviewQueue queue;

    UUID id;

    @BeforeEach
    void claimedItem() {
        id = queue.enqueue(item(freshProduct("bad-input"), NewItem.REVIEW)).await().atMost(ReviewFixtures.WAIT).id();
        ReviewQueueTest.claim(id, "ana").statusCode(200);
    }

    static Stream<Arguments> badClaims() {
        return Stream.of(
                Arguments.of("no body", null, "reviewer"),
                Arguments.of("no reviewer", "{}", "reviewer"),
                Arguments.of("blank reviewer", "{\"reviewer\": \"  \"}", "reviewer"),
                Arguments.of("malformed JSON", "{\"reviewer\": ", null));
    }

    static Stream<Arguments> badResolutions() {
        return Stream.of(
                Arguments.of("no body", null, "reviewer"),
                Arguments.of("no reviewer", "{\"action\": \"approve\"}", "reviewer"),
                Arguments.of("no action", "{\"reviewer\": \"ana\"}", "action"),
                Arguments.of("unknown action", "{\"reviewer\": \"ana\", \"action\": \"escalate\"}", "action"),
                Arguments.of("edit without final text", "{\"reviewer\": \"ana\", \"action\": \"edit\"}", "final_text"),
                Arguments.of("edit with blank final text",
                        "{\"reviewer\": \"ana\", \"action\": \"edit\", \"final_text\": \"\"}", "final_text"));
    }

    static Stream<Arguments> badListings() {
        return Stream.of(
                Arguments.of("status", "open", "status"),
                Arguments.of("page", "0", "page"),
                Arguments.of("size", "1000", "size"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badClaims")
    void aBadClaimGetsA400NamingTheField(String name, String body, String field) {
        var request = given().contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        var response = request.post("/v1/reviews/" + id + "/claim").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body(not(containsString("Exception")));
        if (field != null) {
            response.body("errors[0].field", equalTo(field)).body("detail", containsString(field));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResolutions")
    void aBadResolutionGetsA400NamingTheFieldAndChangesNothing(String name, String body, String field) {
        var request = given().contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        request.post("/v1/reviews/" + id + "/resolve").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("detail", containsString(field));
        given().get("/v1/reviews/" + id).then().statusCode(200).body("status", equalTo("claimed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListings")
    void aBadListingGetsA400NamingTheParameter(String parameter, String value, String field) {
        given().queryParam(parameter, value).get("/v1/reviews").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }
}
