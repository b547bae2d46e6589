package io.confidencegateway.api.openai;

import io.confidencegateway.inference.GatewayError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.ChatRequest;

class ProductOptionsPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "\"model\":\"product/support-copilot\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"How long is the refund window?\"}]";

    private static ChatRequest request(String params) throws Exception {
        return JSON.readValue("{" + QUESTION + (params.isEmpty() ? "" : "," + params) + "}", ChatRequest.class);
    }

    static Stream<Arguments> optionsAProductCannotHonour() {
        return Stream.of(
                Arguments.of("\"n\":2", "n", "one grounded answer per question"),
                Arguments.of("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}]", "tools",
                        "never a tool call"),
                Arguments.of("\"tool_choice\":\"auto\"", "tool_choice", "never a tool call"),
                Arguments.of("\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}",
                        "tool_choice", "never a tool call"),
                Arguments.of("\"functions\":[{\"name\":\"lookup\"}]", "functions", "never a function call"),
                Arguments.of("\"function_call\":\"auto\"", "function_call", "never a function call"),
                Arguments.of("\"response_format\":{\"type\":\"json_object\"}", "response_format", "not JSON"),
                Arguments.of("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\","
                        + "\"schema\":{}}}", "response_format", "not JSON"),
                Arguments.of("\"logprobs\":true", "logprobs", "feed its confidence score"),
                Arguments.of("\"top_logprobs\":2", "top_logprobs", "feed its confidence score"),
                Arguments.of("\"logit_bias\":{\"50256\":-100}", "logit_bias", "token biases are not passed on"),
                Arguments.of("\"presence_penalty\":0.5", "presence_penalty", "penalties are not passed on"),
                Arguments.of("\"frequency_penalty\":-0.1", "frequency_penalty", "penalties are not passed on"),
                Arguments.of("\"modalities\":[\"text\",\"audio\"]", "modalities", "not audio"),
                Arguments.of("\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"}", "audio", "not audio"),
                Arguments.of("\"reasoning_effort\":\"low\"", "reasoning_effort", "not passed on"),
                Arguments.of("\"top_k\":40", "top_k", "not passed on"));
    }

    @ParameterizedTest(name = "{1} is refused: {0}")
    @MethodSource
    void optionsAProductCannotHonour(String params, String param, String why) throws Exception {
        var refusal = ProductOptionsPolicy.refusal(request(params), "support-copilot");

        assertThat(refusal).get().isInstanceOfSatisfying(GatewayError.Unsupported.class, error -> {
            assertThat(error.param()).isEqualTo(param);
            assertThat(error.message()).startsWith("'" + param + "' cannot be used with product 'support-copilot'")
                    .contains(why, "call a model alias directly");
        });
    }

    @Test
    void anImagePartInAnyMessageIsRefusedAsMessages() throws Exception {
        ChatRequest request = JSON.readValue("""
                {"model": "product/support-copilot", "messages": [
                  {"role": "user", "content": "Earlier"},
                  {"role": "user", "content": [{"type": "text", "text": "What is this?"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]}]}""",
                ChatRequest.class);

        var refusal = ProductOptionsPolicy.refusal(request, "support-copilot");

        assertThat(refusal).get().satisfies(error -> {
            assertThat(((GatewayError.Unsupported) error).param()).isEqualTo("messages");
            assertThat(error.message()).contains("image, audio and file parts are not read",
                    "send the question as text");
        });
    }

    @Test
    void theRefusalSaysWhyAndWhatToDoInstead() throws Exception {
        var refusal = ProductOptionsPolicy.refusal(request("\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\"}}]"), "support-copilot");

        assertThat(refusal).get().extracting(GatewayError::message).isEqualTo("'tools' cannot be used with product "
                + "'support-copilot': a product answer is grounded text with citations from its knowledge base, "
                + "never a tool call. To ask the product, leave out tools; for tool calls, call a model alias "
                + "directly (a model from GET /v1/models, without X-Gateway-Product or the product/ prefix).");
    }

    @ParameterizedTest(name = "accepted: {0}")
    @ValueSource(strings = {
            "",
            "\"n\":1",
            "\"response_format\":{\"type\":\"text\"}",
            "\"tools\":[]",
            "\"tool_choice\":\"none\"",
            "\"function_call\":\"none\"",
            "\"parallel_tool_calls\":false",
            "\"logprobs\":false",
            "\"presence_penalty\":0,\"frequency_penalty\":0",
            "\"logit_bias\":{}",
            "\"modalities\":[\"text\"]",
            "\"metadata\":{\"team\":\"billing\"},\"store\":true,\"service_tier\":\"auto\",\"prompt_cache_key\":\"k\","
                    + "\"prompt_cache_retention\":\"24h\",\"safety_identifier\":\"u-1\"",
            "\"temperature\":0.2,\"top_p\":0.9,\"max_tokens\":100,\"max_completion_tokens\":100,\"stop\":[\"\\n\"],"
                    + "\"seed\":1,\"user\":\"u-1\",\"stream\":true,\"stream_options\":{\"include_usage\":true}"})
    void optionsAProductHonoursOrThatChangeNothingAreAccepted(String params) throws Exception {
        assertThat(ProductOptionsPolicy.refusal(request(params), "support-copilot")).isEmpty();
    }

    @Test
    void textContentPartsAreAccepted() throws Exception {
        ChatRequest request = JSON.readValue("""
                {"model": "product/support-copilot", "messages": [
                  {"role": "user", "content": [{"type": "text", "text": "How long is the refund window?"}]}]}""",
                ChatRequest.class);

        assertThat(ProductOptionsPolicy.refusal(request, "support-copilot")).isEmpty();
    }
}
