package io.confidencegateway.provider.openai;

import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
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
import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.SseDecoder;
import io.confidencegateway.provider.http.UpstreamClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Any server that speaks OpenAI's {@code /chat/completions}. The request goes upstream as the caller sent it
 * (vendor extras included), with the upstream model name; streams are relayed chunk by chunk.
 */
final class OpenAiCompatibleProvider implements ChatProvider {

    private static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

    private final ProviderSettings settings;
    private final UpstreamClient http;
    private final ObjectMapper json;
    private final ObjectReader responseReader;
    private final ObjectReader chunkReader;
    private final String url;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;

    OpenAiCompatibleProvider(ProviderSettings settings, UpstreamClient http, ObjectMapper json, boolean azure) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.responseReader = json.readerFor(ChatResponse.class);
        this.chunkReader = json.readerFor(ChatChunk.class);
        this.url = settings.baseUrl() + "/chat/completions"
                + settings.apiVersion().map(v -> "?api-version=" + v).orElse("");
        var common = new HashMap<String, String>();
        common.put("Content-Type", "application/json");
        settings.apiKey().ifPresent(key -> {
            if (azure) {
                common.put("api-key", key);
            } else {
                common.put("Authorization", "Bearer " + key);
            }
        });
        this.jsonHeaders = UpstreamClient.accepting(common, "application/json");
        this.streamHeaders = UpstreamClient.accepting(common, "text/event-stream");
    }

    @Override
    public String id() {
        return settings.name();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
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
                        if (!ended.get() && !finished.get()) {
                            return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(last),
                                    Multi.createFrom().failure(new ProviderException(
                                            new ProviderFailure.StreamInterrupted(id(),
                                                    "the stream ended without a finish reason or [DONE]"))));
                        }
                        return Multi.createFrom().iterable(last);
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
                throw new ProviderException(new ProviderFailure.StreamInterrupted(id(), "a chunk was not valid JSON"));
            }
            if (tree.has("error") || "error".equals(event.event())) {
                JsonNode error = tree.path("error");
                String message = error.isTextual() ? error.asText() : error.path("message").asText("error event");
                throw new ProviderException(new ProviderFailure.StreamInterrupted(id(), "error event: " + message));
            }
        }
        ChatChunk chunk;
        try {
            chunk = chunkReader.readValue(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notChunk) {
            throw new ProviderException(new ProviderFailure.StreamInterrupted(id(),
                    notChunk instanceof com.fasterxml.jackson.core.JsonParseException ? "a chunk was not valid JSON"
                            : "a chunk was not a completion chunk"));
        } catch (IOException notChunk) {
            throw new ProviderException(new ProviderFailure.StreamInterrupted(id(), "a chunk was not valid JSON"));
        }
        if (chunk.finishReason() != null) {
            finished.set(true);
        }
        return List.of(chunk);
    }

    private ProviderException malformed(String detail) {
        return new ProviderException(new ProviderFailure.MalformedResponse(id(), detail));
    }
}
