package io.confidencegateway.provider.ollama;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderFactory;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.UpstreamClient;
import io.vertx.core.Vertx;

/**
 * Type {@code ollama}: a server speaking Ollama's native {@code /api/chat}. Ollama needs no key; one configured
 * anyway is sent as {@code Authorization: Bearer}, for an Ollama behind an authenticating proxy.
 */
@ApplicationScoped
public class OllamaProviderFactory implements ChatProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;

    public OllamaProviderFactory(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public String type() {
        return "ollama";
    }

    @Override
    public String defaultBaseUrl() {
        return "http://localhost:11434";
    }

    @Override
    public String probePath() {
        return "/api/tags";
    }

    @Override
    public boolean requiresApiKey(String baseUrl) {
        return false;
    }

    @Override
    public ChatProvider create(ProviderSettings settings) {
        return new OllamaProvider(settings, new UpstreamClient(vertx, settings), json);
    }
}
