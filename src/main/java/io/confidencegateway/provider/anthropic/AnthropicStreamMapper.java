package io.confidencegateway.provider.anthropic;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.http.SseDecoder.SseEvent;

/**
 * Turns the events of one Anthropic Messages stream into chat chunks as they arrive: a first chunk with the
 * assistant role, text and tool-call deltas, a finish chunk, and at {@code message_stop} a usage-only chunk
 * (empty choices), as OpenAI sends with {@code include_usage}. Not thread-safe: one mapper per stream.
 */
final class AnthropicStreamMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String providerId;
    private final long created = AnthropicResponseMapper.nowSeconds();
    /** Content block index → OpenAI tool-call index, which counts tool calls only. */
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private final Set<Integer> blocksWithArguments = new HashSet<>();
    private final ObjectNode usage = NODES.objectNode();
    private String id;
    private String model;
    private boolean finished;
    private boolean ended;

    AnthropicStreamMapper(String providerId) {
        this.providerId = providerId;
    }

    /** Whether {@code message_stop} has arrived; a stream that completes before it was cut. */
    boolean ended() {
        return ended;
    }

    /** The chunks one event yields (often none); fails with {@link ProviderFailure.StreamInterrupted} on error. */
    List<ChatChunk> accept(SseEvent event) {
        if (ended) {
            return List.of();
        }
        JsonNode data;
        try {
            data = JSON.readTree(event.data());
        } catch (IOException notJson) {
            throw interrupted("an event was not valid JSON");
        }
        if (data == null) {
            return List.of();
        }
        String type = data.path("type").asText(event.event());
        switch (type) {
            case "message_start":
                return started(data.path("message"));
            case "content_block_start":
                return blockStarted(data.path("index").asInt(), data.path("content_block"));
            case "content_block_delta":
                return blockDelta(data.path("index").asInt(), data.path("delta"));
            case "content_block_stop":
                return blockStopped(data.path("index").asInt());
            case "message_delta":
                return messageDelta(data);
            case "message_stop":
                ended = true;
                return List.of(ChatChunk.of(id, created, model, List.of(), AnthropicResponseMapper.usage(usage)));
            case "error":
                throw interrupted("error event: " + data.path("error").path("message").asText("no message"));
            default:
                // ping, and event types Anthropic may add later, which its versioning policy says to ignore
                return List.of();
        }
    }

    private List<ChatChunk> started(JsonNode message) {
        id = message.path("id").asText(null);
        model = message.path("model").asText(null);
        mergeUsage(message.path("usage"));
        return List.of(chunk(new ChatChunk.Delta("assistant", "", null, null), null));
    }

    private List<ChatChunk> blockStarted(int index, JsonNode block) {
        String type = block.path("type").asText();
        if (type.equals("text")) {
            String text = block.path("text").asText("");
            return text.isEmpty() ? List.of() : List.of(text(text));
        }
        if (type.equals("tool_use")) {
            int toolIndex = toolIndexByBlock.size();
            toolIndexByBlock.put(index, toolIndex);
            ObjectNode call = AnthropicResponseMapper.toolCall(block.path("id").asText(), block.path("name").asText(),
                    "");
            call.put("index", toolIndex);
            return List.of(toolCalls(call));
        }
        return List.of();
    }

    private List<ChatChunk> blockDelta(int index, JsonNode delta) {
        String type = delta.path("type").asText();
        if (type.equals("text_delta")) {
            String text = delta.path("text").asText("");
            return text.isEmpty() ? List.of() : List.of(text(text));
        }
        if (type.equals("input_json_delta") && toolIndexByBlock.containsKey(index)) {
            String partial = delta.path("partial_json").asText("");
            if (partial.isEmpty()) {
                return List.of();
            }
            blocksWithArguments.add(index);
            return List.of(arguments(index, partial));
        }
        return List.of();
    }

    /** A tool without parameters streams no JSON at all; OpenAI clients expect at least "{}". */
    private List<ChatChunk> blockStopped(int index) {
        if (toolIndexByBlock.containsKey(index) && blocksWithArguments.add(index)) {
            return List.of(arguments(index, "{}"));
        }
        return List.of();
    }

    private List<ChatChunk> messageDelta(JsonNode data) {
        mergeUsage(data.path("usage"));
        String reason = AnthropicResponseMapper.finishReason(data.path("delta").path("stop_reason").asText(null));
        if (reason == null || finished) {
            return List.of();
        }
        finished = true;
        return List.of(chunk(new ChatChunk.Delta(null, null, null, null), reason));
    }

    /** Anthropic's usage counts are cumulative: a later event's count replaces an earlier one. */
    private void mergeUsage(JsonNode counts) {
        counts.fields().forEachRemaining(field -> {
            if (field.getValue().isNumber()) {
                usage.set(field.getKey(), field.getValue());
            }
        });
    }

    private ChatChunk text(String text) {
        return chunk(new ChatChunk.Delta(null, text, null, null), null);
    }

    private ChatChunk arguments(int blockIndex, String partialJson) {
        ObjectNode call = NODES.objectNode().put("index", toolIndexByBlock.get(blockIndex));
        call.putObject("function").put("arguments", partialJson);
        return toolCalls(call);
    }

    private ChatChunk toolCalls(ObjectNode call) {
        ArrayNode calls = NODES.arrayNode().add(call);
        return chunk(new ChatChunk.Delta(null, null, calls, null), null);
    }

    private ChatChunk chunk(ChatChunk.Delta delta, String finishReason) {
        return ChatChunk.of(id, created, model, List.of(new ChatChunk.ChunkChoice(0, delta, finishReason, null)),
                null);
    }

    private ProviderException interrupted(String detail) {
        return new ProviderException(new ProviderFailure.StreamInterrupted(providerId, detail));
    }
}
