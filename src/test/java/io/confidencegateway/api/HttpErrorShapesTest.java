package io.confidencegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Errors the HTTP layer produces before any resource runs, in the shape each surface promises. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class HttpErrorShapesTest {

    private static final String HUGE_NUMBER = "1".repeat(1200);

    @Test
    void aTooLongUriIsA414ProblemSayingTheLimit() {
        given().urlEncodingEnabled(false).get("/v1/products?q=" + "a".repeat(9_000)).then().statusCode(414)
                .contentType("application/problem+json")
                .body("status", equalTo(414)).body("title", equalTo("URI Too Long"))
                .body("detail", equalTo("The URI has 9015 characters; at most 8192 are read "
                        + "(gateway.http.max-uri-length). Send long input in the request body."));
    }

    @Test
    void aUriOfExactlyTheLimitIsRead() {
        String path = "/v1/products?q=";
        given().urlEncodingEnabled(false).get(path + "a".repeat(8192 - path.length())).then().statusCode(200);
        given().urlEncodingEnabled(false).get(path + "a".repeat(8193 - path.length())).then().statusCode(414);
    }

    @Test
    void aTooLongUriOnTheOpenAiSurfaceIsA414InOpenAisShape() {
        given().urlEncodingEnabled(false).contentType("application/json").body("{}")
                .post("/v1/chat/completions?q=" + "a".repeat(9_000)).then().statusCode(414)
                .contentType("application/json")
                .body("error.code", equalTo("uri_too_long")).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("gateway.http.max-uri-length"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void otherMethodsOnChatCompletionsAre405WithAllowInOpenAisShape(String method) {
        given().request(method, "/v1/chat/completions").then().statusCode(405)
                .header("Allow", "POST").contentType("application/json")
                .body("error.code", equalTo("method_not_allowed"))
                .body("error.message", equalTo("Method " + method + " is not allowed on /v1/chat/completions; "
                        + "send POST with a JSON chat completion request"));
    }

    @Test
    void aWrongMethodElsewhereIsA405Problem() {
        given().delete("/v1/products").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void aHugeNumberInAChatRequestIsNamedWithoutParserInternals() {
        given().contentType("application/json").body("{\"model\": \"extractive\", \"temperature\": " + HUGE_NUMBER
                + ", \"messages\": []}").post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", equalTo("The request body is beyond what the gateway reads: a number has 1200 "
                        + "digits; at most 1000 are read"))
                .body(not(containsString("StreamReadConstraints")));
    }

    @Test
    void truncatedJsonSaysWhereWithoutParserInternals() {
        given().contentType("application/json").body("{\"model\": \"extractive\", \"messages\": [")
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", equalTo("The request body is not valid JSON (line 1, column 38): Unexpected "
                        + "end-of-input: expected close marker for Array (start marker at line 1, column 37)"));
    }

    @Test
    void jsonErrorsOnTheNativeApiAreProblemsThatSayWhatIsWrong() {
        String huge = given().contentType("application/json").body("{\"answer\": " + HUGE_NUMBER + "}")
                .post("/v1/score").then().statusCode(400).contentType("application/problem+json")
                .extract().path("detail");
        assertThat(huge).isEqualTo("The request body is beyond what the gateway reads: a number has 1200 digits; at "
                + "most 1000 are read");
        String truncated = given().contentType("application/json").body("{\"answer\": \"a\", \"passages\": [")
                .post("/v1/score").then().statusCode(400).contentType("application/problem+json")
                .extract().path("detail");
        assertThat(truncated).startsWith("The request body is not valid JSON (line 1, column 30): Unexpected "
                + "end-of-input").doesNotContain("Source").doesNotContain("`");
        given().contentType("application/json").body("{\"answer\": {\"nested\": 1}}").post("/v1/score").then()
                .statusCode(400).body("detail", equalTo("'answer' has the wrong type: expected a string"))
                .body("errors[0].field", equalTo("answer"));
    }

    @Test
    void deepNestingIsRefusedByItsDepth() {
        given().contentType("application/json").body("{\"answer\": \"a\", \"passages\": " + "[".repeat(1_500))
                .post("/v1/score").then().statusCode(400)
                .body("detail", containsString("nested 1001 deep; at most 1000 levels are read"));
    }

    @Test
    void theModelEndpointsAnswerEveryErrorInOpenAisShape() {
        given().get("/v1/models/no-such-model").then().statusCode(404).contentType("application/json")
                .body("error.code", equalTo("model_not_found")).body("error.param", equalTo("model"));
        given().accept("application/xml").get("/v1/models").then().statusCode(406).contentType("application/json")
                .body("error.code", equalTo("not_acceptable"));
        given().delete("/v1/models").then().statusCode(405).contentType("application/json")
                .body("error.code", equalTo("method_not_allowed"));
    }

    @Test
    void aCutOffMultipartUploadIsA400NotA500() {
        String boundary = "cut-off";
        given().contentType("multipart/form-data; boundary=" + boundary)
                .body(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n"
                        + "Content-Type: text/markdown\r\n\r\n# Half a docu").getBytes(StandardCharsets.UTF_8))
                .post("/v1/products/support-copilot/documents").then().statusCode(400)
                .contentType("application/problem+json")
                // The one multipart mapper (uploads merge) says what was wrong and how to send the file.
                .body("detail", startsWith("The multipart body ended before its closing boundary: it was cut off"))
                .body("detail", containsString("Send the whole file as part 'file'"));
    }
}
