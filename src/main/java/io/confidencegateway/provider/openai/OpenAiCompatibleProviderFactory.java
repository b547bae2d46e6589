package io.confidencegateway.provider.openai;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderFactory;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.UpstreamClient;
import io.vertx.core.Vertx;

/** Type {@code openai}: OpenAI itself, Azure OpenAI, vLLM, Ollama's {@code /v1}, LM Studio, llama.cpp server… */
@ApplicationScoped
public class OpenAiCompatibleProviderFactory implements ChatProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;

    public OpenAiCompatibleProviderFactory(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public String type() {
        return "openai";
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.openai.com/v1";
    }

    @Override
    public String probePath() {
        return "/models";
    }

    @Override
    public boolean requiresApiKey(String baseUrl) {
        String host = ChatProviderFactory.hostOf(baseUrl);
        return host.equals("api.openai.com") || isAzure(host);
    }

    @Override
    public ChatProvider create(ProviderSettings settings) {
        return new OpenAiCompatibleProvider(settings, new UpstreamClient(vertx, settings), json,
                isAzure(ChatProviderFactory.hostOf(settings.baseUrl())));
    }

    static boolean isAzure(String host) {
        return host.endsWith(".openai.azure.com");
    }
}
