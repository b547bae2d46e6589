package io.confidencegateway.provider;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Upstream providers and the model aliases clients address them by. */
@ConfigMapping(prefix = "gateway")
public interface ProvidersConfig {

    /** Upstream providers by name: {@code gateway.providers.<name>.*}. */
    Map<String, Provider> providers();

    /** Model aliases by name: {@code gateway.models.<alias>.*}; clients send the alias as {@code model}. */
    Map<String, Model> models();

    /** Failover behaviour shared by every route. */
    Routing routing();

    /** Failover behaviour. */
    interface Routing {
        /** First back-off before a retry; doubles each time, with full jitter. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /** The longest upstream Retry-After the gateway waits for before failing over instead. */
        @WithDefault("5s")
        Duration maxRetryAfter();

        /**
         * How often keyless self-hosted providers (Ollama, an OpenAI-compatible server on your own URL) are
         * checked for reachability in the background, for {@code GET /v1/models}; {@code 0s} turns the check off.
         */
        @WithDefault("30s")
        Duration probeInterval();

        /** How long one reachability check may take before the provider counts as unreachable. */
        @WithDefault("2s")
        Duration probeTimeout();
    }

    /**
     * Whether clients may also address {@code <provider>/<upstream-model>} directly, bypassing the alias table.
     */
    @WithDefault("true")
    boolean allowDirectModels();

    /** One upstream provider. */
    interface Provider {
        /** Adapter type: {@code openai} (any OpenAI-compatible server), {@code anthropic} or {@code ollama}. */
        String type();

        /** Base URL of the upstream API; the type's public endpoint when unset. */
        Optional<String> baseUrl();

        /** API key; read it from the environment, e.g. {@code ${OPENAI_API_KEY:}}. */
        Optional<String> apiKey();

        /**
         * Whether the provider needs a key to be usable. Unset: required for a vendor's public endpoint,
         * optional for self-hosted base URLs (vLLM, LM Studio, Ollama).
         */
        Optional<Boolean> apiKeyRequired();

        /** Time allowed for a whole answer, or for the first byte of a stream. */
        @WithDefault("60s")
        Duration timeout();

        /** Time allowed to open a connection. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Silence allowed between two chunks of a started stream before it counts as interrupted. */
        @WithDefault("30s")
        Duration streamIdleTimeout();

        /** Vendor API version: Azure's {@code api-version} query parameter, Anthropic's {@code anthropic-version}. */
        Optional<String> apiVersion();

        /** Extra headers for every upstream request, e.g. {@code OpenAI-Organization}. */
        Map<String, String> headers();

        /** Size of the connection pool to this upstream. */
        @WithDefault("64")
        int maxConnections();

        /**
         * Retries on the same provider before failing over, for failures that are safe to retry (connection
         * refused, 429 with a short Retry-After, 502/503), with jittered exponential back-off.
         */
        @WithDefault("1")
        int maxRetries();

        /** The circuit breaker of this provider. */
        Breaker circuitBreaker();

        /**
         * Where this provider processes data, e.g. {@code US} or {@code EU} (compared case-insensitively, shown in
         * upper case). A product whose spec names a {@code data_residency} is routed only to providers of that
         * region, at every step of its fallback chain. Unset: the provider serves only products without a
         * residency. The in-process {@code extractive} provider is local to every region and needs none.
         */
        Optional<String> region();
    }

    /** Circuit-breaker settings. */
    interface Breaker {
        /** Consecutive failures that open the breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker skips the provider before letting one trial call through. */
        @WithDefault("30s")
        Duration openFor();
    }

    /** One model alias: either one {@code provider} + {@code model}, or a failover {@code route}. */
    interface Model {
        /** The provider that serves this alias (a key of {@code gateway.providers}). */
        Optional<String> provider();

        /** The upstream model name sent to the provider. */
        Optional<String> model();

        /**
         * An ordered failover chain {@code <provider>:<model>,<provider>:<model>,…}; a bare provider name (e.g.
         * {@code extractive}) means that provider with the alias's own name as model. Tried in order until one
         * answers.
         */
        Optional<String> route();

        /** A human description listed by {@code GET /v1/models}. */
        Optional<String> description();
    }
}
