package io.confidencegateway.provider.anthropic;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
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
import io.confidencegateway.provider.http.SseDecoder;
import io.confidencegateway.provider.http.UpstreamClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Anthropic's Messages API ({@code POST /messages}). Requests are translated by {@link AnthropicRequestMapper},
 * answers by {@link AnthropicResponseMapper}, and streams event by event by {@link AnthropicStreamMapper}.
 */
final class AnthropicProvider extends HttpChatProvider {

    static final String DEFAULT_API_VERSION = "2023-06-01";

    // Anthropic has no logprobs, seed, n, penalties, logit bias or JSON mode; the gateway refuses those up front.
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(
            EnumSet.of(Capability.STREAMING, Capability.TOOLS, Capability.IMAGES));

    private final AnthropicRequestMapper requests;

    AnthropicProvider(ProviderSettings settings, UpstreamClient http, ObjectMapper json) {
        super(settings, http, json, CAPABILITIES, settings.baseUrl() + "/messages", headers(settings),
                "text/event-stream");
        this.requests = new AnthropicRequestMapper(settings.name());
    }

    private static Map<String, String> headers(ProviderSettings settings) {
        var headers = new HashMap<String, String>();
        headers.put("anthropic-version", settings.apiVersion().filter(v -> !v.isBlank()).orElse(DEFAULT_API_VERSION));
        settings.apiKey().ifPresent(key -> headers.put("x-api-key", key));
        return headers;
    }

    @Override
    public Uni<ChatResponse> chat(ChatRequest request) {
        return Uni.createFrom().item(() -> UpstreamClient.json(json, requests.toMessagesRequest(request, false)))
                .chain(body -> postForObject(body, "the body is not a message", "the body is not a message"))
                .map(message -> AnthropicResponseMapper.toChatResponse(message, id()));
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
                        return finish(last, events.ended(), "the stream ended without message_stop");
                    });
        });
    }
}
