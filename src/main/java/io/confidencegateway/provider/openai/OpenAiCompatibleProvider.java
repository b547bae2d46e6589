package io.confidencegateway.provider.openai;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.provider.Capability;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.HttpChatProvider;
import io.confidencegateway.provider.http.SseDecoder;
import io.confidencegateway.provider.http.UpstreamClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Any server that speaks OpenAI's {@code /chat/completions}. The request goes upstream as the caller sent it
 * (vendor extras included), with the upstream model name; streams are relayed chunk by chunk.
 */
final class OpenAiCompatibleProvider extends HttpChatProvider {

    private static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

    private final ObjectReader responseReader;
    private final ObjectReader chunkReader;

    OpenAiCompatibleProvider(ProviderSettings settings, UpstreamClient http, ObjectMapper json, boolean azure) {
        super(settings, http, json, CAPABILITIES, settings.baseUrl() + "/chat/completions"
                + settings.apiVersion().map(v -> "?api-version=" + v).orElse(""),
                settings.apiKey().map(key -> azure ? Map.of("api-key", key) : Map.of("Authorization", "Bearer " + key))
                        .orElse(Map.of()),
                "text/event-stream");
        this.responseReader = json.readerFor(ChatResponse.class);
        this.chunkReader = json.readerFor(ChatChunk.class);
    }

    @Override
    public Uni<ChatResponse> chat(ChatRequest request) {
        Buffer body = UpstreamClient.json(json, request.withStream(false));
        return http.post(url, jsonHeaders, body).map(reply -> {
            ChatResponse response;
            try {
                response = responseReader.readValue(reply.getBytes());
            } catch (IOException notJson) {
                throw malformed("the body is not a chat completion");
            }
            if (response.choices() == null || response.choices().isEmpty()) {
                throw malformed("no choices in the answer");
            }
            return response;
        });
    }

    @Override
    public Multi<ChatChunk> stream(ChatRequest request) {
        Buffer body = UpstreamClient.json(json, request.withStream(true));
        return Multi.createFrom().deferred(() -> {
            var decoder = new SseDecoder();
            var ended = new AtomicBoolean();
            var finished = new AtomicBoolean();
            return http.lines(url, streamHeaders, body)
                    .onItem().transformToIterable(line -> decoder.accept(line)
                            .map(event -> chunksOf(event, ended, finished)).orElse(List.of()))
                    .onCompletion().switchTo(() -> {
                        List<ChatChunk> last = decoder.finish().map(e -> chunksOf(e, ended, finished))
                                .orElse(List.of());
                        return finish(last, ended.get() || finished.get(),
                                "the stream ended without a finish reason or [DONE]");
                    });
        });
    }

    private List<ChatChunk> chunksOf(SseDecoder.SseEvent event, AtomicBoolean ended, AtomicBoolean finished) {
        String data = event.data();
        if (data.equals("[DONE]")) {
            ended.set(true);
            return List.of();
        }
        if (ended.get()) {
            return List.of();
        }
        // Most events are plain chunks: bind them in one pass. Only an event that may carry an error (or is typed
        // "error") is read as a tree first, to tell an error event from a chunk.
        if ("error".equals(event.event()) || data.contains("\"error\"")) {
            JsonNode tree;
            try {
                tree = json.readTree(data);
            } catch (IOException notJson) {
                throw interrupted("a chunk was not valid JSON");
            }
            if (tree.has("error") || "error".equals(event.event())) {
                JsonNode error = tree.path("error");
                String message = error.isTextual() ? error.asText() : error.path("message").asText("error event");
                throw interrupted("error event: " + message);
            }
        }
        ChatChunk chunk;
        try {
            chunk = chunkReader.readValue(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notChunk) {
            throw interrupted(notChunk instanceof com.fasterxml.jackson.core.JsonParseException
                    ? "a chunk was not valid JSON" : "a chunk was not a completion chunk");
        } catch (IOException notChunk) {
            throw interrupted("a chunk was not valid JSON");
        }
        if (chunk.finishReason() != null) {
            finished.set(true);
        }
        return List.of(chunk);
    }
}
