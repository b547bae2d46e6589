package io.confidencegateway.api.openai;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ChatCompletionsBadInputTest {

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON",
                        "{\"model\": \"gpt-4o-mini\", \"messages\": [",
                        null, "not valid JSON"),
                Arguments.of("not an object",
                        "[1, 2, 3]",
                        null, "must be a JSON object"),
                Arguments.of("wrong type",
                        "{\"model\":\"gpt-4o-mini\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                        "temperature", "expected a number"),
                Arguments.of("missing messages",
                        "{\"model\": \"gpt-4o-mini\"}",
                        "messages", "'messages' is required"),
                Arguments.of("empty messages",
                        "{\"model\": \"gpt-4o-mini\", \"messages\": []}",
                        "messages", "at least one message"),
                Arguments.of("missing model",
                        "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}",
                        "model", "'model' is required"),
                Arguments.of("unknown role",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
                        "messages[0].role", "must be one of"),
                Arguments.of("user without content",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\"}]}",
                        "messages[0].content", "is required"),
                Arguments.of("tool without call id",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}",
                        "messages[0].tool_call_id", "tool_call_id"),
                Arguments.of("temperature out of range",
                        "{\"model\":\"gpt-4o-mini\",\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                        "temperature", "between 0 and 2"),
                Arguments.of("top_logprobs without logprobs",
                        "{\"model\":\"gpt-4o-mini\",\"top_logprobs\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                        "top_logprobs", "needs 'logprobs'"),
                Arguments.of("too many stop sequences",
                        "{\"model\":\"gpt-4o-mini\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                        "stop", "at most 4"),
                Arguments.of("bad response format",
                        "{\"model\":\"gpt-4o-mini\",\"response_format\":{\"type\":\"yaml\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                        "response_format", "json_object"),
                Arguments.of("stream options without stream",
                        "{\"model\":\"gpt-4o-mini\",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                        "stream_options", "only allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestsGetA400ThatSaysWhatToFix(String name, String body, String param, String message) {
        var response = given().contentType("application/json").body(body).post("/v1/chat/completions").then()
                .statusCode(400).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString(message))
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
        if (param != null) {
            response.body("error.param", equalTo(param));
        }
    }

    @Test
    void emptyBodyIsA400() {
        given().contentType("application/json").post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", containsString("empty"));
    }

    @Test
    void unknownModelIsA404InOpenAiShape() {
        given().contentType("application/json").body("""
                {"model": "gpt-9", "messages": [{"role": "user", "content": "x"}]}""").post("/v1/chat/completions")
                .then().statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.param", equalTo("model"))
                .body("error.message", containsString("GET /v1/models"));
    }

    @Test
    void modelWhoseProviderHasNoKeyNamesTheKeyToSet() {
        given().contentType("application/json").body("""
                {"model": "needs-key", "messages": [{"role": "user", "content": "x"}]}""").post("/v1/chat/completions")
                .then().statusCode(503)
                .body("error.code", equalTo("provider_not_configured"))
                .body("error.message", containsString("gateway.providers.keyless.api-key"));
    }

    @Test
    void oversizedBodyIsA413ThatNamesTheLimit() {
        String big = "x".repeat(70 * 1024);
        given().contentType("application/json").body("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + big + "\"}]}").post("/v1/chat/completions")
                .then().statusCode(413)
                .body("error.code", equalTo("request_too_large"))
                .body("error.message", containsString("gateway.http.max-body-size"));
    }
}
