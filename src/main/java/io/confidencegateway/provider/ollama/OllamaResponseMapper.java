package io.confidencegateway.provider.ollama;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;

/**
 * Translates Ollama's {@code /api/chat} answers into the chat vocabulary: the whole answer, and the pieces a
 * stream line shares with it (tool calls, finish reason, usage, creation time).
 */
final class OllamaResponseMapper {

    private final String providerId;
    private final ObjectMapper json;

    OllamaResponseMapper(String providerId, ObjectMapper json) {
        this.providerId = providerId;
        this.json = json;
    }

    /** A whole ({@code stream: false}) answer. */
    ChatResponse toResponse(JsonNode root) {
        JsonNode message = root.path("message");
        if (!message.isObject()) {
            String error = root.path("error").asText("");
            throw new ProviderException(new ProviderFailure.MalformedResponse(providerId,
                    error.isBlank() ? "no message in the answer" : "error in a 200 answer: " + shorten(error)));
        }
        ArrayNode toolCalls = toolCalls(message.path("tool_calls"), 0, false);
        String content = message.path("content").asText("");
        JsonNode text = toolCalls != null && content.isEmpty() ? null : TextNode.valueOf(content);
        var choice = new ChatResponse.Choice(0, new ChatMessage("assistant", text, null, toolCalls, null, null),
                finishReason(root, toolCalls != null), null);
        return new ChatResponse(newId(), ChatResponse.OBJECT, createdOf(root), root.path("model").asText(null),
                List.of(choice), usageOf(root), null, null, null);
    }

    /**
     * Ollama's tool calls in OpenAI's shape ({@code id}, {@code type}, {@code function.arguments} as a JSON
     * string), numbered from {@code first}; {@code indexed} adds the {@code index} a streamed delta carries.
     * Null when there are none.
     */
    ArrayNode toolCalls(JsonNode calls, int first, boolean indexed) {
        if (!calls.isArray() || calls.isEmpty()) {
            return null;
        }
        ArrayNode out = json.createArrayNode();
        int n = first;
        for (JsonNode call : calls) {
            ObjectNode mapped = out.addObject();
            if (indexed) {
                mapped.put("index", n);
            }
            String upstreamId = call.path("id").asText("");
            mapped.put("id", upstreamId.isBlank() ? "call_" + n : upstreamId);
            mapped.put("type", "function");
            JsonNode function = call.path("function");
            ObjectNode mappedFunction = mapped.putObject("function");
            mappedFunction.put("name", function.path("name").asText(""));
            mappedFunction.put("arguments", argumentsText(function.path("arguments")));
            n++;
        }
        return out;
    }

    private String argumentsText(JsonNode arguments) {
        if (arguments.isTextual()) {
            return arguments.asText();
        }
        if (arguments.isMissingNode() || arguments.isNull()) {
            return "{}";
        }
        try {
            return json.writeValueAsString(arguments);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("tool call arguments could not be encoded", impossible);
        }
    }

    /** OpenAI's finish reason for a final ({@code done: true}) object. */
    static String finishReason(JsonNode root, boolean toolCalled) {
        if (toolCalled) {
            return "tool_calls";
        }
        return "length".equals(root.path("done_reason").asText()) ? "length" : "stop";
    }

    /**
     * Usage from the final object's counts, or null when it has neither. Ollama omits a count that is zero
     * (e.g. a prompt served wholly from its cache), so a missing count next to a present one means zero.
     */
    static Usage usageOf(JsonNode root) {
        JsonNode prompt = root.path("prompt_eval_count");
        JsonNode completion = root.path("eval_count");
        if (!prompt.isNumber() && !completion.isNumber()) {
            return null;
        }
        return Usage.of(prompt.asInt(0), completion.asInt(0));
    }

    /** Epoch seconds of {@code created_at}; now when it is missing or unreadable. */
    static long createdOf(JsonNode root) {
        String createdAt = root.path("created_at").asText("");
        try {
            return OffsetDateTime.parse(createdAt).toEpochSecond();
        } catch (DateTimeParseException unreadable) {
            return Instant.now().getEpochSecond();
        }
    }

    /** Ollama answers carry no id; the gateway re-addresses answers anyway, so any unique one does. */
    static String newId() {
        return "chatcmpl-ollama-" + UUID.randomUUID();
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
