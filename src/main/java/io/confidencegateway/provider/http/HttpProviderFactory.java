package io.confidencegateway.provider.http;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderFactory;
import io.confidencegateway.provider.ProviderSettings;
import io.vertx.core.Vertx;

/**
 * A factory of providers that call a vendor over HTTP: it names the type, its default URL and probe path, and
 * hands each provider its own {@link UpstreamClient}. A vendor's factory is a constructor and one {@code create}.
 * Make it a {@code @Singleton} bean: a normal-scoped one would need a no-argument constructor for its client proxy.
 */
public abstract class HttpProviderFactory implements ChatProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;
    private final String type;
    private final String defaultBaseUrl;
    private final String probePath;

    /**
     * @param probePath see {@link ChatProviderFactory#probePath()}; null when providers of this type are not
     *        checked
     */
    protected HttpProviderFactory(Vertx vertx, ObjectMapper json, String type, String defaultBaseUrl,
            String probePath) {
        this.vertx = vertx;
        this.json = json;
        this.type = type;
        this.defaultBaseUrl = defaultBaseUrl;
        this.probePath = probePath;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    @Override
    public String probePath() {
        return probePath;
    }

    @Override
    public ChatProvider create(ProviderSettings settings) {
        return create(settings, new UpstreamClient(vertx, settings), json);
    }

    /** Builds a provider that calls its vendor through {@code http}. */
    protected abstract ChatProvider create(ProviderSettings settings, UpstreamClient http, ObjectMapper json);
}
