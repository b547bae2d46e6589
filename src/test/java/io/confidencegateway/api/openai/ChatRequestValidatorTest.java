package io.confidencegateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.inference.CapabilityCheck;
import io.confidencegateway.inference.GatewayError;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.Passage;
import io.confidencegateway.provider.Capability;

class ChatRequestValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatRequest request(String json) throws Exception {
        return JSON.readValue(json, ChatRequest.class);
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of("{\"stream\":true}", Capability.STREAMING, "stream"),
                Arguments.of("{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}", Capability.TOOLS,
                        "tools"),
                Arguments.of("{\"logprobs\":true}", Capability.LOGPROBS, "logprobs"),
                Arguments.of("{\"response_format\":{\"type\":\"json_object\"}}", Capability.JSON_MODE,
                        "response_format"),
                Arguments.of("{\"seed\":3}", Capability.SEED, "seed"),
                Arguments.of("{\"n\":2}", Capability.MULTIPLE_CHOICES, "n"),
                Arguments.of("{\"frequency_penalty\":1}", Capability.PENALTIES, "frequency_penalty"),
                Arguments.of("{\"logit_bias\":{\"50256\":-100}}", Capability.LOGIT_BIAS, "logit_bias"),
                Arguments.of("{\"top_k\":40}", Capability.EXTRA_PARAMETERS, "top_k"));
    }

    @ParameterizedTest(name = "{2} needs {1}")
    @MethodSource
    void unsupported(String params, Capability needed, String param) throws Exception {
        String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + params.substring(1);
        ChatRequest request = request(json);
        EnumSet<Capability> without = EnumSet.allOf(Capability.class);
        without.remove(needed);

        var refusal = CapabilityCheck.unsupported(request, "vendor", without);
        var accepted = CapabilityCheck.unsupported(request, "vendor", EnumSet.allOf(Capability.class));

        assertThat(refusal).get().isInstanceOfSatisfying(GatewayError.Unsupported.class, error -> {
            assertThat(error.param()).isEqualTo(param);
            assertThat(error.message()).contains("'" + param + "'", "'vendor'");
        });
        assertThat(accepted).isEmpty();
    }

    @Test
    void imagePartsNeedTheImagesCapability() throws Exception {
        ChatRequest request = request("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}""");

        assertThat(CapabilityCheck.unsupported(request, "p", EnumSet.complementOf(EnumSet.of(Capability.IMAGES))))
                .isPresent();
        assertThat(ChatRequestValidator.invalid(request)).isEmpty();
    }

    @Test
    void aWellFormedConversationWithToolsIsValid() throws Exception {
        ChatRequest request = request("""
                {"model":"m","messages":[{"role":"developer","content":"be brief"},{"role":"user","content":"hi"},
                 {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"c","content":"42"}],
                 "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function",
                 "function":{"name":"f"}},"stop":"END","n":1,"max_tokens":10}""");

        assertThat(ChatRequestValidator.invalid(request)).isEmpty();
    }

    @Test
    void extrasAreKeptForPassThrough() throws Exception {
        ChatRequest request = request("{\"model\":\"m\",\"messages\":[],\"top_k\":40,\"repetition_penalty\":1.1}");

        assertThat(request.extra()).containsOnlyKeys("top_k", "repetition_penalty");
        var written = JSON.readTree(JSON.writeValueAsString(request.upstream("up")));
        assertThat(written.path("top_k").asInt()).isEqualTo(40);
        assertThat(written.path("model").asText()).isEqualTo("up");
        assertThat(written.has("extra")).isFalse();
        assertThat(written.has("stream")).isFalse();
    }

    @Test
    void theGatewaysGroundingPassagesTravelWithTheRequestButNeverOnTheWire() throws Exception {
        var passage = new Passage(1, "refund_policy.md", 2, "Refunds within 30 days.");
        ChatRequest grounded = request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .withGrounding(java.util.List.of(passage));

        assertThat(grounded.upstream("up").withoutLogprobs().withStream(true).grounding()).containsExactly(passage);
        var written = JSON.readTree(JSON.writeValueAsString(grounded.upstream("up")));
        assertThat(written.has("grounding")).isFalse();
        assertThat(request("{\"model\":\"m\",\"messages\":[],\"grounding\":[{\"index\":1}]}").grounding())
                .as("a caller cannot smuggle passages in").isNull();
    }
}
