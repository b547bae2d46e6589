package io.confidencegateway.provider;

/**
 * Builds providers of one {@code type}. Adding a vendor means adding one CDI bean implementing this (for an HTTP
 * vendor, extending {@link io.confidencegateway.provider.http.HttpProviderFactory}); the registry finds every factory
 * and builds one provider per {@code gateway.providers.<name>} entry.
 */
public interface ChatProviderFactory {

    /** The value of {@code gateway.providers.<name>.type} this factory serves, e.g. {@code openai}. */
    String type();

    /** The base URL used when a provider of this type configures none. */
    String defaultBaseUrl();

    /**
     * Whether a provider at this base URL cannot work without an API key (a vendor's public endpoint does;
     * a self-hosted server usually does not, hence the default). A provider that needs a key and has none is left
     * out.
     */
    default boolean requiresApiKey(String baseUrl) {
        return false;
    }

    /**
     * A cheap GET path under the base URL that answers when the server is up ({@code /api/tags} for Ollama), used
     * to check keyless self-hosted providers in the background; null when providers of this type are not checked.
     */
    default String probePath() {
        return null;
    }

    /** Builds a provider; called once per configured provider at start-up. */
    ChatProvider create(ProviderSettings settings);

    /** The lower-case host of a base URL, or "" when it has none (for {@link #requiresApiKey} checks). */
    static String hostOf(String baseUrl) {
        try {
            String host = java.net.URI.create(baseUrl).getHost();
            return host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
