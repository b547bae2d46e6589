package io.confidencegateway.provider;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved settings of one configured provider, as an adapter factory receives them.
 *
 * @param name the configured name ({@code gateway.providers.<name>})
 * @param baseUrl the upstream base URL without a trailing slash
 * @param apiKey the key, when one is configured
 * @param timeout how long to wait for a whole answer, or for the first byte of a stream
 * @param connectTimeout how long to wait for a connection
 * @param streamIdleTimeout how long a started stream may stay silent before it counts as interrupted
 * @param apiVersion vendor API version (Azure {@code api-version}, Anthropic {@code anthropic-version})
 * @param headers extra headers sent on every request (e.g. {@code OpenAI-Organization})
 * @param maxConnections connection pool size to this upstream
 */
public record ProviderSettings(String name, String type, String baseUrl, Optional<String> apiKey, Duration timeout,
        Duration connectTimeout, Duration streamIdleTimeout, Optional<String> apiVersion, Map<String, String> headers,
        int maxConnections) {

    public ProviderSettings {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        apiKey = apiKey.filter(k -> !k.isBlank());
    }
}
