package io.confidencegateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.inference.GatewayError;

/** Each malformed chat request is refused with the parameter to fix and words that say what to send instead. */
class ChatRequestValidatorBadInputTest {

    private final ObjectMapper json = new ObjectMapper();

    private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";

    private ChatRequest withUser(String params) throws Exception {
        return json.readValue("{\"model\":\"m\"," + USER + (params.isEmpty() ? "" : "," + params) + "}",
                ChatRequest.class);
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("\"temperature\":2.01", "temperature", "'temperature' must be between 0 and 2; got 2.01"),
                Arguments.of("\"temperature\":-0.01", "temperature", "'temperature' must be between 0 and 2; got -0.01"),
                Arguments.of("\"top_p\":1.5", "top_p", "'top_p' must be between 0 and 1; got 1.5"),
                Arguments.of("\"presence_penalty\":-2.5", "presence_penalty",
                        "'presence_penalty' must be between -2 and 2; got -2.5"),
                Arguments.of("\"frequency_penalty\":2.5", "frequency_penalty",
                        "'frequency_penalty' must be between -2 and 2; got 2.5"),
                Arguments.of("\"n\":0", "n", "'n' must be between 1 and 128; got 0"),
                Arguments.of("\"n\":129", "n", "'n' must be between 1 and 128; got 129"),
                Arguments.of("\"max_tokens\":0", "max_tokens", "'max_tokens' must be at least 1; got 0"),
                Arguments.of("\"max_completion_tokens\":0", "max_completion_tokens",
                        "'max_completion_tokens' must be at least 1; got 0"),
                Arguments.of("\"logprobs\":true,\"top_logprobs\":21", "top_logprobs",
                        "'top_logprobs' must be between 0 and 20; got 21"),
                Arguments.of("\"top_logprobs\":2", "top_logprobs", "'top_logprobs' needs 'logprobs': true"),
                Arguments.of("\"stream_options\":{\"include_usage\":true}", "stream_options",
                        "'stream_options' is only allowed with 'stream': true"),
                Arguments.of("\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]", "stop",
                        "'stop' must be a string or an array of at most 4 strings"),
                Arguments.of("\"stop\":[\"a\",3]", "stop", "'stop' must be a string or an array of at most 4 strings"),
                Arguments.of("\"stop\":7", "stop", "'stop' must be a string or an array of at most 4 strings"),
                Arguments.of("\"response_format\":{\"type\":\"yaml\"}", "response_format",
                        "'response_format.type' must be text, json_object or json_schema"),
                Arguments.of("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{}}", "response_format",
                        "'response_format.json_schema' needs a 'name' and a 'schema'"),
                Arguments.of("\"tools\":{}", "tools",
                        "'tools' must be an array of {\"type\":\"function\",\"function\":{…}}"),
                Arguments.of("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}},{\"type\":\"web\"}]",
                        "tools[1]", "tools[1] must be {\"type\":\"function\",\"function\":{\"name\":…,\"parameters\":…}}"),
                Arguments.of("\"tools\":[{\"type\":\"function\",\"function\":{}}]", "tools[0]",
                        "tools[0] must be {\"type\":\"function\",\"function\":{\"name\":…,\"parameters\":…}}"),
                Arguments.of("\"tool_choice\":\"sometimes\"", "tool_choice",
                        "'tool_choice' must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":…}}"),
                Arguments.of("\"tool_choice\":{\"type\":\"function\",\"function\":{}}", "tool_choice",
                        "'tool_choice' must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":…}}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badParameters")
    void aParameterOutOfItsRangeOrShapeIsRefusedNamingIt(String params, String param, String message)
            throws Exception {
        assertThat(ChatRequestValidator.invalid(withUser(params)))
                .contains(new GatewayError.InvalidRequest(param, message));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"temperature\":0", "\"temperature\":2", "\"top_p\":0", "\"top_p\":1",
        "\"presence_penalty\":-2", "\"frequency_penalty\":2", "\"n\":1", "\"n\":128", "\"max_tokens\":1",
        "\"max_completion_tokens\":1", "\"logprobs\":true,\"top_logprobs\":0", "\"logprobs\":true,\"top_logprobs\":20",
        "\"stream\":true,\"stream_options\":{\"include_usage\":true}", "\"stop\":\"END\"",
        "\"stop\":[\"a\",\"b\",\"c\",\"d\"]", "\"stop\":null", "\"response_format\":{\"type\":\"text\"}",
        "\"response_format\":{\"type\":\"json_object\"}",
        "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\",\"schema\":{}}}",
        "\"tool_choice\":\"none\"", "\"tool_choice\":\"auto\"", "\"tool_choice\":\"required\"",
        "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"})
    void aParameterExactlyOnItsLimitOrInItsShapeIsAccepted(String params) throws Exception {
        assertThat(ChatRequestValidator.invalid(withUser(params))).isEmpty();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model",
                        "'model' is required: send a model alias from GET /v1/models"),
                Arguments.of("{\"model\":\" \",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model",
                        "'model' is required: send a model alias from GET /v1/models"),
                Arguments.of("{\"model\":\"m\"}", "messages", "'messages' is required and must hold at least one message"),
                Arguments.of("{\"model\":\"m\",\"messages\":[]}", "messages",
                        "'messages' is required and must hold at least one message"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},null]}",
                        "messages[1]", "messages[1] must be an object with 'role' and 'content'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
                        "messages[0].role", "messages[0].role must be one of system, developer, user, assistant, tool"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}",
                        "messages[0].role", "messages[0].role must be one of system, developer, user, assistant, tool"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":42}]}",
                        "messages[0].content", "messages[0].content must be a string or an array of content parts"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}",
                        "messages[0].content", "each content part of messages[0] needs a 'type' (text, image_url…)"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}",
                        "messages[0].content", "messages[0].content is required"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                        + "{\"role\":\"assistant\"}]}",
                        "messages[1].content", "messages[1] (assistant) needs 'content' or 'tool_calls'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                        + "{\"role\":\"assistant\",\"tool_calls\":[]}]}",
                        "messages[1].content", "messages[1] (assistant) needs 'content' or 'tool_calls'"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"42\"}]}",
                        "messages[0].tool_call_id", "messages[0] (tool) needs the 'tool_call_id' it answers"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"42\","
                        + "\"tool_call_id\":\" \"}]}",
                        "messages[0].tool_call_id", "messages[0] (tool) needs the 'tool_call_id' it answers"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badRequests")
    void aMalformedRequestIsRefusedWithTheFieldToFix(String body, String param, String message) throws Exception {
        assertThat(ChatRequestValidator.invalid(json.readValue(body, ChatRequest.class)))
                .contains(new GatewayError.InvalidRequest(param, message));
    }

    @Test
    void anAssistantTurnWithOnlyToolCallsAndAToolReplyWithItsIdAreValid() throws Exception {
        ChatRequest request = json.readValue("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"42\"}]}", ChatRequest.class);

        assertThat(ChatRequestValidator.invalid(request)).isEmpty();
    }

    @Test
    void theFirstProblemWinsWhenSeveralParametersAreWrong() throws Exception {
        assertThat(ChatRequestValidator.invalid(withUser("\"temperature\":3,\"top_p\":3")))
                .get().extracting(GatewayError.InvalidRequest.class::cast)
                .extracting(GatewayError.InvalidRequest::param).isEqualTo("temperature");
    }

    @Test
    void aProductConversationTakesOnlySystemUserAndAssistantTextTurns() throws Exception {
        List<ChatMessage> tool = List.of(json.readValue("{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"x\"}",
                ChatMessage.class));
        List<ChatMessage> noText = List.of(json.readValue("{\"role\":\"user\",\"content\":\"x\"}", ChatMessage.class),
                json.readValue("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\"}]}", ChatMessage.class));
        List<ChatMessage> fine = List.of(json.readValue("{\"role\":\"system\",\"content\":\"s\"}", ChatMessage.class),
                json.readValue("{\"role\":\"user\",\"content\":\"q\"}", ChatMessage.class),
                json.readValue("{\"role\":\"assistant\",\"content\":\"a\"}", ChatMessage.class));

        assertThat(ChatRequestValidator.invalidConversation(tool)).contains(new GatewayError.InvalidRequest(
                "messages[0].role", "messages[0].role must be system, user or assistant for a product answer; got 'tool'"));
        assertThat(ChatRequestValidator.invalidConversation(noText)).contains(new GatewayError.InvalidRequest(
                "messages[1].content", "messages[1].content is required (text) for a product answer"));
        assertThat(ChatRequestValidator.invalidConversation(fine)).isEmpty();
    }
}
