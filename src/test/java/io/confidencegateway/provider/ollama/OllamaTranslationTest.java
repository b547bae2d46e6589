package io.confidencegateway.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;

class OllamaTranslationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OllamaRequestMapper requests = new OllamaRequestMapper("local", JSON);
    private final OllamaResponseMapper responses = new OllamaResponseMapper("local", JSON);

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ChatRequest request(List<ChatMessage> messages, JsonNode responseFormat, JsonNode tools,
            JsonNode toolChoice) {
        return new ChatRequest("llama3.2", messages, null, null, 0.3, 0.9, null, 100, 50, TextNode.valueOf("END"),
                7L, "user-1", null, null, responseFormat, tools, toolChoice, null, 0.5, -0.5, null, null);
    }

    private static ChatRequest simple(JsonNode responseFormat) {
        return request(List.of(ChatMessage.of("user", "hi")), responseFormat, null, null);
    }

    private static ProviderFailure failureOf(Throwable thrown) {
        assertThat(thrown).isInstanceOf(ProviderException.class);
        return ((ProviderException) thrown).failure();
    }

    @Test
    void samplingParametersGoIntoOptionsWithOllamasNames() {
        JsonNode options = requests.toBody(simple(null), false).path("options");

        assertThat(options.toString()).isEqualTo(tree("{'temperature':0.3,'top_p':0.9,'num_predict':50,'stop':['END'],"
                + "'seed':7,'presence_penalty':0.5,'frequency_penalty':-0.5}").toString());
    }

    @Test
    void requestWithoutSamplingParametersSendsNoOptions() {
        var bare = new ChatRequest("llama3.2", List.of(ChatMessage.of("user", "hi")), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

        assertThat(requests.toBody(bare, false).has("options")).isFalse();
    }

    @Test
    void streamFlagIsAlwaysExplicitBecauseOllamaStreamsByDefault() {
        assertThat(requests.toBody(simple(null), false).get("stream").asBoolean()).isFalse();
        assertThat(requests.toBody(simple(null), true).get("stream").asBoolean()).isTrue();
    }

    @Test
    void jsonObjectModeBecomesFormatJson() {
        assertThat(requests.toBody(simple(tree("{'type':'json_object'}")), false).get("format"))
                .isEqualTo(TextNode.valueOf("json"));
    }

    @Test
    void jsonSchemaBecomesTheSchemaObjectAsFormat() {
        JsonNode format = tree("{'type':'json_schema','json_schema':{'name':'answer','strict':true,"
                + "'schema':{'type':'object','properties':{'days':{'type':'integer'}},'required':['days']}}}");

        assertThat(requests.toBody(simple(format), false).get("format"))
                .isEqualTo(format.path("json_schema").path("schema"));
    }

    @Test
    void textFormatSendsNoFormat() {
        assertThat(requests.toBody(simple(tree("{'type':'text'}")), false).has("format")).isFalse();
    }

    @Test
    void dataUrlImagesBecomeBase64ImagesAndTextPartsAreJoined() {
        var parts = (ArrayNode) tree("[{'type':'text','text':'What is'},{'type':'image_url','image_url':"
                + "{'url':'data:image/png;base64,iVBORw0KGgo=','detail':'low'}},{'type':'text','text':'this?'}]");
        var body = requests.toBody(request(List.of(new ChatMessage("user", parts, null, null, null, null)), null,
                null, null), false);

        JsonNode message = body.path("messages").get(0);
        assertThat(message.path("content").asText()).isEqualTo("What is\nthis?");
        assertThat(message.path("images")).isEqualTo(tree("['iVBORw0KGgo=']"));
    }

    @ParameterizedTest
    @CsvSource({"https://example.com/cat.png", "data:image/svg+xml,%3Csvg%3E%3C/svg%3E"})
    void imagesThatAreNotBase64DataUrlsAreRefusedAsCallerErrors(String url) {
        ArrayNode parts = JSON.createArrayNode();
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        var request = request(List.of(new ChatMessage("user", parts, null, null, null, null)), null, null, null);

        assertThatThrownBy(() -> requests.toBody(request, false)).satisfies(e -> {
            var failure = (ProviderFailure.Rejected) failureOf(e);
            assertThat(failure.status()).isEqualTo(400);
            assertThat(failure.callerAtFault()).isTrue();
            assertThat(failure.message()).contains("messages[0]").contains("only data: URLs");
        });
    }

    @Test
    void assistantToolCallArgumentsBecomeObjectsAndToolResultsNameTheirTool() {
        JsonNode calls = tree("[{'id':'call_9','type':'function','function':{'name':'lookup_order',"
                + "'arguments':'{\\'order\\':42}'}}]");
        var messages = List.of(new ChatMessage("developer", TextNode.valueOf("Be brief."), null, null, null, null),
                ChatMessage.of("user", "Where is order 42?"),
                new ChatMessage("assistant", null, null, calls, null, null),
                new ChatMessage("tool", TextNode.valueOf("{\"status\":\"shipped\"}"), null, null, "call_9", null));

        JsonNode out = requests.toBody(request(messages, null, null, null), false).path("messages");

        assertThat(out.get(0).path("role").asText()).isEqualTo("system");
        assertThat(out.get(2)).isEqualTo(tree("{'role':'assistant','content':'','tool_calls':[{'function':"
                + "{'name':'lookup_order','arguments':{'order':42}}}]}"));
        assertThat(out.get(3)).isEqualTo(tree("{'role':'tool','content':'{\\'status\\':\\'shipped\\'}',"
                + "'tool_name':'lookup_order'}"));
    }

    @Test
    void toolCallArgumentsThatAreNotAJsonObjectAreRefused() {
        JsonNode calls = tree("[{'id':'c','type':'function','function':{'name':'f','arguments':'not json'}}]");
        var messages = List.of(ChatMessage.of("user", "q"), new ChatMessage("assistant", null, null, calls, null,
                null));

        assertThatThrownBy(() -> requests.toBody(request(messages, null, null, null), false))
                .satisfies(e -> assertThat(failureOf(e)).isInstanceOf(ProviderFailure.Rejected.class));
    }

    @Test
    void toolsPassAsTheyAreAndToolChoiceNoneLeavesThemOut() {
        JsonNode tools = tree("[{'type':'function','function':{'name':'f','parameters':{'type':'object'}}}]");
        var messages = List.of(ChatMessage.of("user", "q"));

        assertThat(requests.toBody(request(messages, null, tools, null), false).get("tools")).isEqualTo(tools);
        assertThat(requests.toBody(request(messages, null, tools, TextNode.valueOf("auto")), false).get("tools"))
                .isEqualTo(tools);
        assertThat(requests.toBody(request(messages, null, tools, TextNode.valueOf("none")), false).has("tools"))
                .isFalse();
    }

    @Test
    void forcedToolChoiceIsRefusedBecauseOllamaCannotEnforceIt() {
        JsonNode tools = tree("[{'type':'function','function':{'name':'f','parameters':{'type':'object'}}}]");
        var request = request(List.of(ChatMessage.of("user", "q")), null, tools, TextNode.valueOf("required"));

        assertThatThrownBy(() -> requests.toBody(request, false))
                .satisfies(e -> assertThat(failureOf(e).message()).contains("tool_choice 'required'"));
    }

    @Test
    void toolCallsInAnAnswerTakeOpenAisShape() {
        ChatResponse response = responses.toResponse(tree("{'model':'llama3.2','created_at':"
                + "'2024-11-14T22:13:20.5Z','message':{'role':'assistant','content':'','tool_calls':["
                + "{'function':{'name':'lookup_order','arguments':{'order':42}}},"
                + "{'function':{'name':'lookup_user','arguments':{}}}]},'done':true,'done_reason':'stop',"
                + "'prompt_eval_count':30,'eval_count':12}"));

        var choice = response.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo("tool_calls");
        assertThat(choice.message().content()).isNull();
        assertThat(choice.message().toolCalls()).isEqualTo(tree("[{'id':'call_0','type':'function','function':"
                + "{'name':'lookup_order','arguments':'{\\'order\\':42}'}},{'id':'call_1','type':'function',"
                + "'function':{'name':'lookup_user','arguments':'{}'}}]"));
        assertThat(response.model()).isEqualTo("llama3.2");
        assertThat(response.created()).isEqualTo(1_731_622_400L);
        assertThat(response.usage().totalTokens()).isEqualTo(42);
    }

    @ParameterizedTest
    @CsvSource({"stop, stop", "length, length", "unload, stop"})
    void doneReasonBecomesTheFinishReason(String doneReason, String finishReason) {
        ChatResponse response = responses.toResponse(tree("{'model':'m','message':{'role':'assistant','content':"
                + "'cut'},'done':true,'done_reason':'" + doneReason + "','eval_count':64}"));

        assertThat(response.choices().get(0).finishReason()).isEqualTo(finishReason);
        assertThat(response.firstText()).isEqualTo("cut");
    }

    @Test
    void aMissingCountNextToAPresentOneIsZeroAndNoCountsMeansNoUsage() {
        assertThat(OllamaResponseMapper.usageOf(tree("{'eval_count':5}")).promptTokens()).isZero();
        assertThat(OllamaResponseMapper.usageOf(tree("{'done':true}"))).isNull();
    }

    @Test
    void answerWithoutAMessageIsMalformed() {
        assertThatThrownBy(() -> responses.toResponse(tree("{'model':'m','done':true}")))
                .satisfies(e -> assertThat(failureOf(e)).isInstanceOf(ProviderFailure.MalformedResponse.class));
    }

    @Test
    void streamAnnouncesTheRoleOnceThenEndsWithFinishAndUsageChunks() {
        var stream = new OllamaStreamMapper("local", JSON, responses);

        List<ChatChunk> first = stream.accept(
                "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}");
        List<ChatChunk> second = stream.accept("{\"model\":\"m\",\"message\":{\"content\":\" there\"},\"done\":false}");
        List<ChatChunk> last = stream.accept("{\"model\":\"m\",\"message\":{\"content\":\"\"},\"done\":true,"
                + "\"done_reason\":\"length\",\"prompt_eval_count\":3,\"eval_count\":2}");

        assertThat(first.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        assertThat(second.get(0).choices().get(0).delta().role()).isNull();
        assertThat(last).hasSize(2);
        assertThat(last.get(0).finishReason()).isEqualTo("length");
        assertThat(last.get(1).choices()).isEmpty();
        assertThat(last.get(1).usage().totalTokens()).isEqualTo(5);
        assertThat(stream.done()).isTrue();
        assertThat(stream.accept("{\"error\":\"late\"}")).isEmpty();
    }

    @Test
    void errorLineInterruptsTheStreamWithOllamasMessage() {
        var stream = new OllamaStreamMapper("local", JSON, responses);

        assertThatThrownBy(() -> stream.accept("{\"error\":\"out of memory\"}")).satisfies(e -> {
            assertThat(failureOf(e)).isInstanceOf(ProviderFailure.StreamInterrupted.class);
            assertThat(failureOf(e).message()).contains("out of memory");
        });
    }

    @Test
    void streamedToolCallsAreNumberedAcrossLines() {
        var stream = new OllamaStreamMapper("local", JSON, responses);
        ObjectNode line = JSON.createObjectNode().put("model", "m").put("done", false);
        line.putObject("message").putArray("tool_calls").addObject().putObject("function").put("name", "f")
                .putObject("arguments");

        stream.accept(line.toString());
        JsonNode second = stream.accept(line.toString()).get(0).choices().get(0).delta().toolCalls();

        assertThat(second.get(0).path("index").asInt()).isEqualTo(1);
        assertThat(second.get(0).path("id").asText()).isEqualTo("call_1");
    }
}
