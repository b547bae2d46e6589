package io.confidencegateway.provider.anthropic;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderFactory;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.HttpProviderFactory;
import io.confidencegateway.provider.http.UpstreamClient;
import io.vertx.core.Vertx;

/**
 * Type {@code anthropic}: Anthropic's Messages API, translated from and to the OpenAI chat vocabulary. The
 * {@code anthropic-version} header is {@code gateway.providers.<name>.api-version}, or 2023-06-01.
 */
@Singleton
public class AnthropicProviderFactory extends HttpProviderFactory {

    public AnthropicProviderFactory(Vertx vertx, ObjectMapper json) {
        super(vertx, json, "anthropic", "https://api.anthropic.com/v1", null);
    }

    @Override
    public boolean requiresApiKey(String baseUrl) {
        return ChatProviderFactory.hostOf(baseUrl).equals("api.anthropic.com");
    }

    @Override
    protected ChatProvider create(ProviderSettings settings, UpstreamClient http, ObjectMapper json) {
        return new AnthropicProvider(settings, http, json);
    }
}
