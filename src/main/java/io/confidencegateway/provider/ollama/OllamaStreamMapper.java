package io.confidencegateway.provider.ollama;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;

/**
 * Turns the NDJSON lines of one Ollama stream into chunks: a content (or tool-call) delta per line, the first
 * one announcing the assistant role, and for the final {@code done: true} line a finish chunk followed by a usage
 * chunk (empty choices, as OpenAI's {@code include_usage}). An error line or a line that is not JSON interrupts
 * the stream. Holds per-stream state: one mapper per stream, used by one thread at a time.
 */
final class OllamaStreamMapper {

    private final String providerId;
    private final ObjectMapper json;
    private final OllamaResponseMapper responses;
    private final String id = OllamaResponseMapper.newId();
    private long created;
    private boolean roleSent;
    private int toolCallCount;
    private boolean done;

    OllamaStreamMapper(String providerId, ObjectMapper json, OllamaResponseMapper responses) {
        this.providerId = providerId;
        this.json = json;
        this.responses = responses;
    }

    /** The chunks one line yields; nothing for blank lines and for anything after the final line. */
    List<ChatChunk> accept(String line) {
        if (done || line.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(line);
        } catch (IOException notJson) {
            throw interrupted("a line was not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw interrupted("a line was not a JSON object");
        }
        if (root.has("error")) {
            JsonNode error = root.get("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("error");
            throw interrupted("error event: " + OllamaResponseMapper.shorten(message));
        }
        if (created == 0) {
            created = OllamaResponseMapper.createdOf(root);
        }
        String model = root.path("model").asText(null);
        JsonNode message = root.path("message");
        String content = message.path("content").asText("");
        ArrayNode toolCalls = responses.toolCalls(message.path("tool_calls"), toolCallCount, true);
        var chunks = new ArrayList<ChatChunk>(3);
        if (!content.isEmpty() || toolCalls != null || !roleSent) {
            String text = content.isEmpty() && toolCalls != null ? null : content;
            chunks.add(chunk(model, new ChatChunk.Delta(roleSent ? null : "assistant", text, toolCalls, null), null));
            roleSent = true;
        }
        if (toolCalls != null) {
            toolCallCount += toolCalls.size();
        }
        if (root.path("done").asBoolean(false)) {
            done = true;
            chunks.add(chunk(model, new ChatChunk.Delta(null, null, null, null),
                    OllamaResponseMapper.finishReason(root, toolCallCount > 0)));
            Usage usage = OllamaResponseMapper.usageOf(root);
            if (usage != null) {
                chunks.add(ChatChunk.of(id, created, model, List.of(), usage));
            }
        }
        return chunks;
    }

    /** Whether the final {@code done: true} line has arrived. */
    boolean done() {
        return done;
    }

    private ChatChunk chunk(String model, ChatChunk.Delta delta, String finishReason) {
        return ChatChunk.of(id, created, model, List.of(new ChatChunk.ChunkChoice(0, delta, finishReason, null)),
                null);
    }

    private ProviderException interrupted(String detail) {
        return new ProviderException(new ProviderFailure.StreamInterrupted(providerId, detail));
    }
}
