package io.confidencegateway.provider.ollama;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.HttpProviderFactory;
import io.confidencegateway.provider.http.UpstreamClient;
import io.vertx.core.Vertx;

/**
 * Type {@code ollama}: a server speaking Ollama's native {@code /api/chat}. Ollama needs no key; one configured
 * anyway is sent as {@code Authorization: Bearer}, for an Ollama behind an authenticating proxy.
 */
@Singleton
public class OllamaProviderFactory extends HttpProviderFactory {

    public OllamaProviderFactory(Vertx vertx, ObjectMapper json) {
        super(vertx, json, "ollama", "http://localhost:11434", "/api/tags");
    }

    @Override
    protected ChatProvider create(ProviderSettings settings, UpstreamClient http, ObjectMapper json) {
        return new OllamaProvider(settings, http, json);
    }
}
