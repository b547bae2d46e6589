package io.confidencegateway.provider.ollama;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.provider.Capability;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.HttpChatProvider;
import io.confidencegateway.provider.http.UpstreamClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Ollama's native {@code POST /api/chat}: requests translated from the chat vocabulary, whole answers as one JSON
 * object, streams as NDJSON lines relayed chunk by chunk.
 */
final class OllamaProvider extends HttpChatProvider {

    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.STREAMING, Capability.TOOLS,
            Capability.JSON_MODE, Capability.JSON_SCHEMA, Capability.SEED, Capability.PENALTIES, Capability.IMAGES);

    private final OllamaRequestMapper requests;
    private final OllamaResponseMapper responses;

    OllamaProvider(ProviderSettings settings, UpstreamClient http, ObjectMapper json) {
        // Ollama itself takes no key; one configured is for a proxy in front of it.
        super(settings, http, json, CAPABILITIES, settings.baseUrl() + "/api/chat",
                settings.apiKey().map(key -> Map.of("Authorization", "Bearer " + key)).orElse(Map.of()),
                "application/x-ndjson");
        this.requests = new OllamaRequestMapper(settings.name(), json);
        this.responses = new OllamaResponseMapper(settings.name(), json);
    }

    @Override
    public Uni<ChatResponse> chat(ChatRequest request) {
        return Uni.createFrom().item(() -> UpstreamClient.json(json, requests.toBody(request, false)))
                .chain(body -> postForObject(body, "the body is not JSON", "the body is not a JSON object"))
                .map(responses::toResponse);
    }

    @Override
    public Multi<ChatChunk> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            Buffer body = UpstreamClient.json(json, requests.toBody(request, true));
            var mapper = new OllamaStreamMapper(id(), json, responses);
            return http.lines(url, streamHeaders, body)
                    .onItem().transformToIterable(mapper::accept)
                    .onCompletion().switchTo(() -> finish(List.of(), mapper.done(),
                            "the stream ended without its final done line"));
        });
    }
}
