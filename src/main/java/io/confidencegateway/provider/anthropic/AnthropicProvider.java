package io.confidencegateway.provider.anthropic;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
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
import io.confidencegateway.provider.http.SseDecoder;
import io.confidencegateway.provider.http.UpstreamClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Anthropic's Messages API ({@code POST /messages}). Requests are translated by {@link AnthropicRequestMapper},
 * answers by {@link AnthropicResponseMapper}, and streams event by event by {@link AnthropicStreamMapper}.
 */
final class AnthropicProvider implements ChatProvider {

    static final String DEFAULT_API_VERSION = "2023-06-01";

    // Anthropic has no logprobs, seed, n, penalties, logit bias or JSON mode; the gateway refuses those up front.
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(
            EnumSet.of(Capability.STREAMING, Capability.TOOLS, Capability.IMAGES));

    private final ProviderSettings settings;
    private final UpstreamClient http;
    private final ObjectMapper json;
    private final AnthropicRequestMapper requests;
    private final String url;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;

    AnthropicProvider(ProviderSettings settings, UpstreamClient http, ObjectMapper json) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.requests = new AnthropicRequestMapper(settings.name());
        this.url = settings.baseUrl() + "/messages";
        var common = new HashMap<String, String>();
        common.put("Content-Type", "application/json");
        common.put("anthropic-version", settings.apiVersion().filter(v -> !v.isBlank()).orElse(DEFAULT_API_VERSION));
        settings.apiKey().ifPresent(key -> common.put("x-api-key", key));
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
        return Uni.createFrom().item(() -> UpstreamClient.json(json, requests.toMessagesRequest(request, false)))
                .chain(body -> http.post(url, jsonHeaders, body))
                .map(reply -> {
                    JsonNode message;
                    try {
                        message = json.readTree(reply.getBytes());
                    } catch (IOException notJson) {
                        throw new ProviderException(new ProviderFailure.MalformedResponse(id(),
                                "the body is not a message"));
                    }
                    if (message == null || !message.isObject()) {
                        throw new ProviderException(new ProviderFailure.MalformedResponse(id(),
                                "the body is not a message"));
                    }
                    return AnthropicResponseMapper.toChatResponse(message, id());
                });
    }

    @Override
    public Multi<ChatChunk> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            Buffer body = UpstreamClient.json(json, requests.toMessagesRequest(request, true));
            var decoder = new SseDecoder();
            var events = new AnthropicStreamMapper(id());
            return http.lines(url, streamHeaders, body)
                    .onItem().transformToIterable(line -> decoder.accept(line).map(events::accept).orElse(List.of()))
                    .onCompletion().switchTo(() -> {
                        List<ChatChunk> last = decoder.finish().map(events::accept).orElse(List.of());
                        if (!events.ended()) {
                            return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(last),
                                    Multi.createFrom().failure(new ProviderException(
                                            new ProviderFailure.StreamInterrupted(id(),
                                                    "the stream ended without message_stop"))));
                        }
                        return Multi.createFrom().iterable(last);
                    });
        });
    }
}
