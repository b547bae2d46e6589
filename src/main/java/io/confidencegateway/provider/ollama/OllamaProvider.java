package io.confidencegateway.provider.ollama;

import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.provider.Capability;
import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.UpstreamClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Ollama's native {@code POST /api/chat}: requests translated from the chat vocabulary, whole answers as one JSON
 * object, streams as NDJSON lines relayed chunk by chunk.
 */
final class OllamaProvider implements ChatProvider {

    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.STREAMING, Capability.TOOLS,
            Capability.JSON_MODE, Capability.JSON_SCHEMA, Capability.SEED, Capability.PENALTIES, Capability.IMAGES);

    private final ProviderSettings settings;
    private final UpstreamClient http;
    private final ObjectMapper json;
    private final OllamaRequestMapper requests;
    private final OllamaResponseMapper responses;
    private final String url;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;

    OllamaProvider(ProviderSettings settings, UpstreamClient http, ObjectMapper json) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.requests = new OllamaRequestMapper(settings.name(), json);
        this.responses = new OllamaResponseMapper(settings.name(), json);
        this.url = settings.baseUrl() + "/api/chat";
        var common = new HashMap<String, String>();
        common.put("Content-Type", "application/json");
        // Ollama itself takes no key; one configured is for a proxy in front of it.
        settings.apiKey().ifPresent(key -> common.put("Authorization", "Bearer " + key));
        this.jsonHeaders = UpstreamClient.accepting(common, "application/json");
        this.streamHeaders = UpstreamClient.accepting(common, "application/x-ndjson");
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
        return Uni.createFrom().item(() -> UpstreamClient.json(json, requests.toBody(request, false)))
                .onItem().transformToUni(body -> http.post(url, jsonHeaders, body))
                .map(reply -> {
                    JsonNode root;
                    try {
                        root = json.readTree(reply.getBytes());
                    } catch (IOException notJson) {
                        throw malformed("the body is not JSON");
                    }
                    if (root == null || !root.isObject()) {
                        throw malformed("the body is not a JSON object");
                    }
                    return responses.toResponse(root);
                });
    }

    @Override
    public Multi<ChatChunk> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            Buffer body = UpstreamClient.json(json, requests.toBody(request, true));
            var mapper = new OllamaStreamMapper(id(), json, responses);
            return http.lines(url, streamHeaders, body)
                    .onItem().transformToIterable(mapper::accept)
                    .onCompletion().switchTo(() -> mapper.done() ? Multi.createFrom().empty()
                            : Multi.createFrom().failure(new ProviderException(new ProviderFailure.StreamInterrupted(
                                    id(), "the stream ended without its final done line"))));
        });
    }

    private ProviderException malformed(String detail) {
        return new ProviderException(new ProviderFailure.MalformedResponse(id(), detail));
    }
}
