package io.confidencegateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;

/** The OpenAI-shaped request as Anthropic's Messages API receives it. */
class AnthropicTranslationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLS = "[{'type':'function','function':{'name':'weather','description':'Now',"
            + "'parameters':{'type':'object','properties':{'city':{'type':'string'}}}}}]";

    private final AnthropicRequestMapper mapper = new AnthropicRequestMapper("claude");

    /** Single quotes keep JSON readable in tables; the texts here hold no apostrophes. */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    private static ChatMessage message(String role, String contentJson) {
        return new ChatMessage(role, json(contentJson), null, null, null, null);
    }

    private static ChatMessage text(String role, String text) {
        return ChatMessage.of(role, text);
    }

    private static ChatMessage toolCalls(String text, String callsJson) {
        return new ChatMessage("assistant", text == null ? null : TextNode.valueOf(text), null, json(callsJson), null,
                null);
    }

    private static ChatMessage toolResult(String callId, String text) {
        return new ChatMessage("tool", TextNode.valueOf(text), null, null, callId, null);
    }

    /** A request with only what each test sets; everything else absent. */
    private static final class Request {
        List<ChatMessage> messages = List.of(text("user", "Hi"));
        Integer maxTokens;
        Integer maxCompletionTokens;
        JsonNode stop;
        String user;
        Double temperature;
        Double topP;
        JsonNode tools;
        JsonNode toolChoice;
        Boolean parallelToolCalls;

        ChatRequest build() {
            return new ChatRequest("claude-sonnet-4-5", messages, null, null, temperature, topP, null, maxTokens,
                    maxCompletionTokens, stop, null, user, null, null, null, tools, toolChoice, parallelToolCalls,
                    null, null, null, null);
        }
    }

    private ObjectNode translate(Request request) {
        return mapper.toMessagesRequest(request.build(), false);
    }

    private ObjectNode translate(List<ChatMessage> messages) {
        var request = new Request();
        request.messages = messages;
        return translate(request);
    }

    @Test
    void systemAndDeveloperMessagesBecomeOneTopLevelSystemPrompt() {
        ObjectNode body = translate(List.of(text("system", "Be brief."), text("user", "Hi"),
                message("developer", "[{'type':'text','text':'Answer in French.'}]")));

        assertThat(body.path("system").asText()).isEqualTo("Be brief.\n\nAnswer in French.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0)).isEqualTo(json("{'role':'user','content':[{'type':'text',"
                + "'text':'Hi'}]}"));
    }

    @Test
    void noSystemMessageMeansNoSystemField() {
        assertThat(translate(List.of(text("user", "Hi"))).has("system")).isFalse();
    }

    @ParameterizedTest(name = "max_tokens={0}, max_completion_tokens={1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "-,   -,   4096",
            "100, -,   100",
            "-,   200, 200",
            "100, 200, 200"})
    void maxTokensIsTheCallersLimitOrTheDefault(Integer maxTokens, Integer maxCompletionTokens, int expected) {
        var request = new Request();
        request.maxTokens = maxTokens;
        request.maxCompletionTokens = maxCompletionTokens;

        assertThat(translate(request).path("max_tokens").asInt()).isEqualTo(expected);
    }

    @Test
    void samplingStopAndUserAreRenamed() {
        var request = new Request();
        request.temperature = 0.3;
        request.topP = 0.9;
        request.stop = json("['END','STOP']");
        request.user = "user-42";

        ObjectNode body = translate(request);

        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop_sequences")).isEqualTo(json("['END','STOP']"));
        assertThat(body.path("metadata")).isEqualTo(json("{'user_id':'user-42'}"));
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void oneStopStringBecomesAListAndStreamIsFlagged() {
        var request = new Request();
        request.stop = TextNode.valueOf("END");

        ObjectNode body = mapper.toMessagesRequest(request.build(), true);

        assertThat(body.path("stop_sequences")).isEqualTo(json("['END']"));
        assertThat(body.path("stream").asBoolean()).isTrue();
    }

    @Test
    void toolCallRoundTripBecomesToolUseAndToolResultBlocks() {
        ObjectNode body = translate(List.of(text("user", "Weather in Oslo?"),
                toolCalls("Checking.", "[{'id':'call_1','type':'function','function':{'name':'weather',"
                        + "'arguments':'{\\'city\\':\\'Oslo\\'}'}}]"),
                toolResult("call_1", "4 degrees")));

        assertThat(body.path("messages")).isEqualTo(json("["
                + "{'role':'user','content':[{'type':'text','text':'Weather in Oslo?'}]},"
                + "{'role':'assistant','content':[{'type':'text','text':'Checking.'},"
                + "  {'type':'tool_use','id':'call_1','name':'weather','input':{'city':'Oslo'}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'call_1','content':'4 degrees'}]}]"));
    }

    @Test
    void toolCallWithoutTextOrArgumentsStillBecomesAToolUse() {
        ObjectNode body = translate(List.of(text("user", "Time?"),
                toolCalls(null, "[{'id':'call_2','type':'function','function':{'name':'now','arguments':''}}]")));

        assertThat(body.path("messages").get(1)).isEqualTo(json("{'role':'assistant','content':["
                + "{'type':'tool_use','id':'call_2','name':'now','input':{}}]}"));
    }

    @Test
    void consecutiveToolResultsAndAFollowingUserTextMergeIntoOneUserTurn() {
        ObjectNode body = translate(List.of(text("user", "Compare Oslo and Rome."),
                toolCalls(null, "[{'id':'a','type':'function','function':{'name':'weather','arguments':'{}'}},"
                        + "{'id':'b','type':'function','function':{'name':'weather','arguments':'{}'}}]"),
                toolResult("a", "4 degrees"), toolResult("b", "18 degrees"), text("user", "Which is warmer?")));

        JsonNode turns = body.path("messages");
        assertThat(turns).hasSize(3);
        assertThat(turns.get(2)).isEqualTo(json("{'role':'user','content':["
                + "{'type':'tool_result','tool_use_id':'a','content':'4 degrees'},"
                + "{'type':'tool_result','tool_use_id':'b','content':'18 degrees'},"
                + "{'type':'text','text':'Which is warmer?'}]}"));
    }

    @Test
    void toolResultsGoBeforeUserTextInAMergedTurn() {
        ObjectNode body = translate(List.of(text("user", "Weather?"),
                toolCalls(null, "[{'id':'a','type':'function','function':{'name':'weather','arguments':'{}'}}]"),
                text("user", "Hurry."), toolResult("a", "sunny")));

        assertThat(body.path("messages").get(2).path("content")).isEqualTo(json("["
                + "{'type':'tool_result','tool_use_id':'a','content':'sunny'},{'type':'text','text':'Hurry.'}]"));
    }

    @Test
    void consecutiveSameRoleMessagesMergeSoTurnsAlternate() {
        ObjectNode body = translate(List.of(text("user", "One."), text("user", "Two."), text("assistant", "Three."),
                text("system", "Ignored here."), text("assistant", "Four."), text("user", "Five.")));

        List<String> roles = new ArrayList<>();
        body.path("messages").forEach(t -> roles.add(t.path("role").asText()));
        assertThat(roles).containsExactly("user", "assistant", "user");
        assertThat(body.path("messages").get(0).path("content")).isEqualTo(json(
                "[{'type':'text','text':'One.'},{'type':'text','text':'Two.'}]"));
        assertThat(body.path("messages").get(1).path("content")).isEqualTo(json(
                "[{'type':'text','text':'Three.'},{'type':'text','text':'Four.'}]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "data URL          | {'url':'data:image/png;base64,iVBORw0KGgo='} "
                    + "| {'type':'base64','media_type':'image/png','data':'iVBORw0KGgo='}",
            "https URL         | {'url':'https://example.com/cat.jpg','detail':'low'} "
                    + "| {'type':'url','url':'https://example.com/cat.jpg'}",
            "URL as a string   | 'http://example.com/cat.gif' "
                    + "| {'type':'url','url':'http://example.com/cat.gif'}"})
    void imagePartsBecomeImageBlocks(String name, String imageUrl, String expectedSource) {
        ObjectNode body = translate(List.of(message("user", "[{'type':'text','text':'What is this?'},"
                + "{'type':'image_url','image_url':" + imageUrl + "}]")));

        JsonNode content = body.path("messages").get(0).path("content");
        assertThat(content.get(0)).isEqualTo(json("{'type':'text','text':'What is this?'}"));
        assertThat(content.get(1).path("type").asText()).isEqualTo("image");
        assertThat(content.get(1).path("source")).isEqualTo(json(expectedSource));
    }

    @ParameterizedTest(name = "tool_choice={0}, parallel_tool_calls={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", value = {
            "'none'                                       | -     | {'type':'none'}",
            "'auto'                                       | -     | {'type':'auto'}",
            "'required'                                   | -     | {'type':'any'}",
            "{'type':'function','function':{'name':'weather'}} | - | {'type':'tool','name':'weather'}",
            "-                                            | false | {'type':'auto','disable_parallel_tool_use':true}",
            "'required'                                   | false | {'type':'any','disable_parallel_tool_use':true}",
            "{'type':'function','function':{'name':'weather'}} | false "
                    + "| {'type':'tool','name':'weather','disable_parallel_tool_use':true}",
            "'none'                                       | false | {'type':'none'}",
            "'auto'                                       | true  | {'type':'auto'}",
            "-                                            | -     | -"})
    void toolChoiceMapsToAnthropicsKinds(String choice, Boolean parallel, String expected) {
        var request = new Request();
        request.tools = json(TOOLS);
        request.toolChoice = choice == null ? null : json(choice);
        request.parallelToolCalls = parallel;

        ObjectNode body = translate(request);

        if (expected == null) {
            assertThat(body.has("tool_choice")).isFalse();
        } else {
            assertThat(body.path("tool_choice")).isEqualTo(json(expected));
        }
    }

    @Test
    void toolsBecomeNameDescriptionAndInputSchema() {
        var request = new Request();
        request.tools = json("[" + TOOLS.substring(1, TOOLS.length() - 1)
                + ",{'type':'function','function':{'name':'now'}}]");

        assertThat(translate(request).path("tools")).isEqualTo(json("["
                + "{'name':'weather','description':'Now','input_schema':{'type':'object','properties':"
                + "{'city':{'type':'string'}}}},"
                + "{'name':'now','input_schema':{'type':'object','properties':{}}}]"));
    }

    @Test
    void toolChoiceWithoutToolsIsLeftOut() {
        var request = new Request();
        request.toolChoice = TextNode.valueOf("none");
        request.parallelToolCalls = false;

        ObjectNode body = translate(request);

        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("tool_choice")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "audio part          | user      | [{'type':'input_audio','input_audio':{'data':'AAAA'}}] | input_audio",
            "data URL not base64 | user      | [{'type':'image_url','image_url':{'url':'data:text/plain,hi'}}] "
                    + "| not base64",
            "ftp image           | user      | [{'type':'image_url','image_url':{'url':'ftp://host/cat.png'}}] "
                    + "| data: or http(s)",
            "legacy function     | function  | 'result'                                             | function"})
    void contentAnthropicCannotTakeIsRejectedAsTheCallersFault(String name, String role, String content,
            String mentioned) {
        assertRejected(List.of(message(role, content)), mentioned);
    }

    @ParameterizedTest(name = "arguments {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"'{not json'", "'[1,2]'"})
    void toolCallArgumentsThatAreNotAJsonObjectAreRejected(String arguments) {
        assertRejected(List.of(text("user", "Go."), toolCalls(null, "[{'id':'a','type':'function','function':"
                + "{'name':'weather','arguments':" + arguments + "}}]")), "messages[1].tool_calls[0]");
    }

    private void assertRejected(List<ChatMessage> messages, String mentioned) {
        assertThatThrownBy(() -> translate(messages)).isInstanceOfSatisfying(ProviderException.class, e -> {
            var failure = (ProviderFailure.Rejected) e.failure();
            assertThat(failure.status()).isEqualTo(400);
            assertThat(failure.callerAtFault()).isTrue();
            assertThat(failure.message()).contains(mentioned);
        });
    }
}
