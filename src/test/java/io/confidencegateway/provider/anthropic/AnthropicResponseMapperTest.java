package io.confidencegateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;

class AnthropicResponseMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "end_turn, stop",
            "stop_sequence, stop",
            "pause_turn, stop",
            "max_tokens, length",
            "model_context_window_exceeded, length",
            "tool_use, tool_calls",
            "refusal, content_filter"})
    void stopReasonsBecomeOpenAiFinishReasons(String stopReason, String finishReason) {
        assertThat(AnthropicResponseMapper.finishReason(stopReason)).isEqualTo(finishReason);
    }

    @Test
    void cachedInputCountsAsPromptAndCacheReadsAsCachedTokens() {
        Usage usage = AnthropicResponseMapper.usage(json("{'input_tokens':10,'cache_creation_input_tokens':100,"
                + "'cache_read_input_tokens':1000,'output_tokens':7}"));

        assertThat(usage.promptTokens()).isEqualTo(1110);
        assertThat(usage.completionTokens()).isEqualTo(7);
        assertThat(usage.totalTokens()).isEqualTo(1117);
        assertThat(usage.promptTokensDetails()).isEqualTo(json("{'cached_tokens':1000}"));
    }

    @Test
    void textBlocksJoinAndAToolOnlyAnswerHasNullContent() {
        ChatResponse text = AnthropicResponseMapper.toChatResponse(json("{'id':'msg_1','model':'m','stop_reason':"
                + "'end_turn','content':[{'type':'text','text':'Thirty '},{'type':'text','text':'days.'}],"
                + "'usage':{'input_tokens':1,'output_tokens':2}}"), "claude");
        ChatResponse tool = AnthropicResponseMapper.toChatResponse(json("{'id':'msg_2','model':'m','stop_reason':"
                + "'tool_use','content':[{'type':'tool_use','id':'t','name':'now','input':{}}],"
                + "'usage':{'input_tokens':1,'output_tokens':2}}"), "claude");

        assertThat(text.firstText()).isEqualTo("Thirty days.");
        assertThat(text.choices().get(0).message().toolCalls()).isNull();
        assertThat(tool.choices().get(0).message().content().isNull()).isTrue();
        assertThat(tool.choices().get(0).message().toolCalls().get(0).path("function").path("arguments").asText())
                .isEqualTo("{}");
    }

    @Test
    void anAnswerWithoutContentIsMalformed() {
        assertThatThrownBy(() -> AnthropicResponseMapper.toChatResponse(json("{'type':'message'}"), "claude"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.failure())
                        .isInstanceOf(ProviderFailure.MalformedResponse.class));
    }
}
