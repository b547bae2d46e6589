package io.confidencegateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.http.SseDecoder.SseEvent;

class AnthropicStreamMapperTest {

    private final AnthropicStreamMapper mapper = new AnthropicStreamMapper("claude");

    private List<ChatChunk> feed(String... datas) {
        var chunks = new ArrayList<ChatChunk>();
        for (String data : datas) {
            String json = data.replace('\'', '"');
            chunks.addAll(mapper.accept(new SseEvent("message", json)));
        }
        return chunks;
    }

    @Test
    void aToolWithoutParametersStillGetsJsonObjectArguments() {
        List<ChatChunk> chunks = feed("{'type':'message_start','message':{'id':'m','model':'x','usage':"
                + "{'input_tokens':3,'output_tokens':1}}}",
                "{'type':'content_block_start','index':0,'content_block':{'type':'tool_use','id':'t','name':'now',"
                        + "'input':{}}}",
                "{'type':'content_block_delta','index':0,'delta':{'type':'input_json_delta','partial_json':''}}",
                "{'type':'content_block_stop','index':0}");

        ChatChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices().get(0).delta().toolCalls().get(0).path("function").path("arguments").asText())
                .isEqualTo("{}");
    }

    @Test
    void laterUsageCountsReplaceEarlierOnesAndUnknownEventsAreIgnored() {
        List<ChatChunk> chunks = feed("{'type':'message_start','message':{'id':'m','model':'x','usage':"
                + "{'input_tokens':3,'cache_read_input_tokens':4,'output_tokens':1}}}",
                "{'type':'ping'}", "{'type':'some_future_event','x':1}",
                "{'type':'message_delta','delta':{'stop_reason':'max_tokens'},'usage':{'output_tokens':9}}",
                "{'type':'message_stop'}", "{'type':'message_delta','usage':{'output_tokens':99}}");

        assertThat(mapper.ended()).isTrue();
        assertThat(chunks).extracting(ChatChunk::finishReason).containsExactly(null, "length", null);
        ChatChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.usage().promptTokens()).isEqualTo(7);
        assertThat(last.usage().completionTokens()).isEqualTo(9);
    }

    @Test
    void anEventThatIsNotJsonInterruptsTheStream() {
        assertThatThrownBy(() -> feed("{not json"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.failure())
                        .isInstanceOf(ProviderFailure.StreamInterrupted.class));
    }
}
