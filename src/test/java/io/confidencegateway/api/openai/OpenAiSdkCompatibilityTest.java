package io.confidencegateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The official OpenAI Java SDK, unchanged, pointed at the gateway. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class OpenAiSdkCompatibilityTest {

    @TestHTTPResource("/v1")
    URL gateway;

    @BeforeEach
    void reset() {
        OpenAiUpstreamStub.server().resetAll();
    }

    private OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.toString()).apiKey(io.confidencegateway.testing.TestKeys.ADMIN).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams.Builder question() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("How long is the refund window?");
    }

    @Test
    void sdkReadsAnAnswerAndTheGatewayEnvelope() {
        OpenAiUpstreamStub.answer("The refund window is 30 days.", 20, 8);

        ChatCompletion completion = client().chat().completions().create(question().build());

        assertThat(completion.choices().get(0).message().content()).contains("The refund window is 30 days.");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(28);
        JsonValue gateway = completion._additionalProperties().get("gateway");
        assertThat(gateway).isNotNull();
        assertThat(gateway.toString()).contains(completion.id().substring("chatcmpl-".length()));
    }

    @Test
    void sdkStreamsAndAccumulatesTheWholeAnswer() {
        OpenAiUpstreamStub.stream(List.of("The refund ", "window is ", "30 days."), true, true);
        var accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();

        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(question()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                accumulator.accumulate(chunk);
            });
        }

        ChatCompletion whole = accumulator.chatCompletion();
        assertThat(whole.choices().get(0).message().content()).contains("The refund window is 30 days.");
        assertThat(whole.usage().orElseThrow().promptTokens()).isEqualTo(12);
        assertThat(chunks.get(chunks.size() - 1)._additionalProperties()).containsKey("gateway");
    }

    @Test
    void sdkStreamsWithoutUsageToo() {
        OpenAiUpstreamStub.stream(List.of("Yes", "."), true, true);
        var accumulator = ChatCompletionAccumulator.create();

        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(
                question().build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThat(accumulator.chatCompletion().choices().get(0).message().content()).contains("Yes.");
    }

    @Test
    void sdkRaisesTypedErrors() {
        assertThatThrownBy(() -> client().chat().completions().create(question().model("no-such-model").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-model");

        OpenAiUpstreamStub.error(429, "Rate limit reached", Map.of("Retry-After", "30"));
        assertThatThrownBy(() -> client().chat().completions().create(question().build()))
                .isInstanceOf(RateLimitException.class);
    }

    @Test
    void sdkListsTheModels() {
        var ids = new ArrayList<String>();
        client().models().list().autoPager().forEach(model -> ids.add(model.id()));

        assertThat(ids).contains("gpt-4o-mini", "needs-key");
    }
}
