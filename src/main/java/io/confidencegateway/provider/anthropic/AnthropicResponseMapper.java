package io.confidencegateway.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;

/** Translates Anthropic's message object, stop reasons and usage into the chat vocabulary. */
final class AnthropicResponseMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicResponseMapper() {
    }

    /** A whole Messages API answer as a chat completion with one choice. */
    static ChatResponse toChatResponse(JsonNode message, String providerId) {
        JsonNode content = message.path("content");
        if (!content.isArray()) {
            throw new ProviderException(new ProviderFailure.MalformedResponse(providerId,
                    "no content in the answer"));
        }
        var text = new StringBuilder();
        ArrayNode toolCalls = NODES.arrayNode();
        for (JsonNode block : content) {
            String type = block.path("type").asText();
            if (type.equals("text")) {
                // Blocks split one answer (around citations, for instance), so they join without separators.
                text.append(block.path("text").asText(""));
            } else if (type.equals("tool_use")) {
                toolCalls.add(toolCall(block.path("id").asText(), block.path("name").asText(),
                        block.path("input").isMissingNode() ? "{}" : block.get("input").toString()));
            }
        }
        boolean calls = !toolCalls.isEmpty();
        JsonNode messageContent = calls && text.isEmpty() ? NullNode.instance : TextNode.valueOf(text.toString());
        var answer = new ChatMessage("assistant", messageContent, null, calls ? toolCalls : null, null, null);
        var choice = new ChatResponse.Choice(0, answer, finishReason(message.path("stop_reason").asText(null)), null);
        return new ChatResponse(message.path("id").asText(null), ChatResponse.OBJECT, nowSeconds(),
                message.path("model").asText(null), List.of(choice), usage(message.path("usage")), null, null, null);
    }

    /** One entry of OpenAI's {@code tool_calls}. */
    static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = NODES.objectNode().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    /** OpenAI's finish reason for an Anthropic stop reason; null while the answer is unfinished. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * Usage in OpenAI's terms. Anthropic counts cached input apart from {@code input_tokens}; OpenAI's
     * {@code prompt_tokens} includes it, so both cache counts are added and cache reads reported as cached tokens.
     */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        int cacheRead = usage.path("cache_read_input_tokens").asInt(0);
        int prompt = usage.path("input_tokens").asInt(0) + usage.path("cache_creation_input_tokens").asInt(0)
                + cacheRead;
        int completion = usage.path("output_tokens").asInt(0);
        JsonNode details = cacheRead > 0 ? NODES.objectNode().put("cached_tokens", cacheRead) : null;
        return new Usage(prompt, completion, prompt + completion, details, null);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
