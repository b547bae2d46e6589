package io.confidencegateway.provider.openai;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderFactory;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.HttpProviderFactory;
import io.confidencegateway.provider.http.UpstreamClient;
import io.vertx.core.Vertx;

/** Type {@code openai}: OpenAI itself, Azure OpenAI, vLLM, Ollama's {@code /v1}, LM Studio, llama.cpp server… */
@Singleton
public class OpenAiCompatibleProviderFactory extends HttpProviderFactory {

    public OpenAiCompatibleProviderFactory(Vertx vertx, ObjectMapper json) {
        super(vertx, json, "openai", "https://api.openai.com/v1", "/models");
    }

    @Override
    public boolean requiresApiKey(String baseUrl) {
        String host = ChatProviderFactory.hostOf(baseUrl);
        return host.equals("api.openai.com") || isAzure(host);
    }

    @Override
    protected ChatProvider create(ProviderSettings settings, UpstreamClient http, ObjectMapper json) {
        boolean azure = isAzure(ChatProviderFactory.hostOf(settings.baseUrl()));
        return new OpenAiCompatibleProvider(settings, http, json, azure);
    }

    static boolean isAzure(String host) {
        return host.endsWith(".openai.azure.com");
    }
}
