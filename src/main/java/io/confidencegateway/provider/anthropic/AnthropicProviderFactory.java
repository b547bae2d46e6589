package io.confidencegateway.provider.anthropic;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderFactory;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.http.UpstreamClient;
import io.vertx.core.Vertx;

/**
 * Type {@code anthropic}: Anthropic's Messages API, translated from and to the OpenAI chat vocabulary. The
 * {@code anthropic-version} header is {@code gateway.providers.<name>.api-version}, or 2023-06-01.
 */
@ApplicationScoped
public class AnthropicProviderFactory implements ChatProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;

    public AnthropicProviderFactory(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.anthropic.com/v1";
    }

    @Override
    public boolean requiresApiKey(String baseUrl) {
        return ChatProviderFactory.hostOf(baseUrl).equals("api.anthropic.com");
    }

    @Override
    public ChatProvider create(ProviderSettings settings) {
        return new AnthropicProvider(settings, new UpstreamClient(vertx, settings), json);
    }
}
