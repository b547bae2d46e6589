package io.confidencegateway.provider;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;

/**
 * The configured providers, built once at start-up by the factory of each provider's type. A provider whose
 * key is missing is left out with a reason, so that a request for it gets an error naming the key to set.
 * Also keeps each provider's last-known state for readiness and the ops view.
 */
@Startup
@ApplicationScoped
public class ProviderRegistry {

    private static final Logger LOG = Logger.getLogger(ProviderRegistry.class);

    private final Map<String, ChatProvider> providers = new TreeMap<>();
    private final Map<String, String> unavailable = new TreeMap<>();
    private final Map<String, ProviderState> states = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new TreeMap<>();
    private final Map<String, String> probeUrls = new TreeMap<>();
    private final Map<String, Reachability> reachability = new ConcurrentHashMap<>();
    private final Map<String, String> regions = new TreeMap<>();

    /**
     * What the last background check of a keyless self-hosted provider found.
     *
     * @param reachable whether the server answered at all (any HTTP status below 500)
     * @param detail what was seen, e.g. "connection refused"
     */
    public record Reachability(boolean reachable, String detail, java.time.Instant checkedAt) {
    }

    public ProviderRegistry(ProvidersConfig config, @All List<ChatProviderFactory> factories,
            io.confidencegateway.metrics.GatewayMetrics metrics) {
        Map<String, ChatProviderFactory> byType = factories.stream()
                .collect(Collectors.toMap(ChatProviderFactory::type, f -> f));
        config.providers().forEach((name, provider) -> {
            ChatProviderFactory factory = byType.get(provider.type());
            if (factory == null) {
                throw new IllegalStateException("gateway.providers." + name + ".type=" + provider.type()
                        + " is not a known provider type; use one of " + new TreeMap<>(byType).keySet());
            }
            provider.region().map(ResidencyPolicy::normalise).ifPresent(region -> regions.put(name, region));
            String baseUrl = provider.baseUrl().filter(u -> !u.isBlank()).orElse(factory.defaultBaseUrl());
            boolean keyRequired = provider.apiKeyRequired().orElseGet(() -> factory.requiresApiKey(baseUrl));
            boolean hasKey = provider.apiKey().filter(k -> !k.isBlank()).isPresent();
            if (keyRequired && !hasKey) {
                unavailable.put(name, "provider '" + name + "' has no API key: set gateway.providers." + name
                        + ".api-key (the shipped configuration reads " + defaultKeyVariable(name) + ")");
                LOG.infof("Provider %s (%s at %s) is not enabled: no API key", name, provider.type(), baseUrl);
                return;
            }
            if (!keyRequired && factory.probePath() != null) {
                probeUrls.put(name, baseUrl.replaceAll("/+$", "") + factory.probePath());
            }
            providers.put(name, factory.create(new ProviderSettings(name, provider.type(), baseUrl, provider.apiKey(),
                    provider.timeout(), provider.connectTimeout(), provider.streamIdleTimeout(),
                    provider.apiVersion(), provider.headers(), provider.maxConnections())));
            states.put(name, ProviderState.UNKNOWN);
            CircuitBreaker breaker = new CircuitBreaker(provider.circuitBreaker().failureThreshold(),
                    provider.circuitBreaker().openFor(), java.time.Clock.systemUTC());
            breakers.put(name, breaker);
            metrics.registerCircuitState(name, () -> breaker.state().ordinal() == 0 ? 0
                    : breaker.state() == CircuitBreaker.State.HALF_OPEN ? 1 : 2);
            LOG.infof("Provider %s enabled (%s at %s)", name, provider.type(), baseUrl);
        });
    }

    private static String defaultKeyVariable(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_API_KEY";
    }

    /** The enabled provider of that name. */
    public Optional<ChatProvider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /**
     * Where a configured provider runs, for {@link ResidencyPolicy}: its declared region, and whether it is inside
     * the gateway (an in-process provider is local to every region; a disabled one counts as remote).
     */
    public ResidencyPolicy.Placement placement(String name) {
        ChatProvider provider = providers.get(name);
        return new ResidencyPolicy.Placement(name, regions.get(name), provider != null && provider.inProcess());
    }

    /** Why a configured provider is not enabled, when it is not. */
    public Optional<String> unavailableReason(String name) {
        return Optional.ofNullable(unavailable.get(name));
    }

    /** Whether a provider of that name is configured at all (enabled or not). */
    public boolean isConfigured(String name) {
        return providers.containsKey(name) || unavailable.containsKey(name);
    }

    /** Enabled providers by name. */
    public Map<String, ChatProvider> enabled() {
        return Collections.unmodifiableMap(providers);
    }

    /** Configured but disabled providers with the reason. */
    public Map<String, String> disabled() {
        return Collections.unmodifiableMap(unavailable);
    }

    /** Enabled keyless self-hosted providers and the URL that tells whether each is up. */
    public Map<String, String> probeUrls() {
        return Collections.unmodifiableMap(probeUrls);
    }

    /** Records the result of a background check. */
    public void recordReachability(String name, Reachability result) {
        reachability.put(name, result);
    }

    /** The last background check of a probed provider; empty when it is not probed or not checked yet. */
    public Optional<Reachability> reachability(String name) {
        return Optional.ofNullable(reachability.get(name));
    }

    /** The last-known state of each enabled provider. */
    public Map<String, ProviderState> states() {
        return new TreeMap<>(states);
    }

    /** The circuit breaker of an enabled provider. */
    public CircuitBreaker breaker(String name) {
        CircuitBreaker breaker = breakers.get(name);
        if (breaker == null) {
            throw new IllegalArgumentException("no enabled provider '" + name + "'");
        }
        return breaker;
    }

    /** The circuit-breaker state of each enabled provider. */
    public Map<String, CircuitBreaker.State> breakerStates() {
        var result = new TreeMap<String, CircuitBreaker.State>();
        breakers.forEach((name, breaker) -> result.put(name, breaker.state()));
        return result;
    }

    /** Records the outcome of one upstream call. */
    public void recordSuccess(String name) {
        states.computeIfPresent(name, (n, s) -> ProviderState.ok());
    }

    /** Records a failed upstream call; failures the caller caused do not mark the provider unhealthy. */
    public void recordFailure(String name, ProviderFailure failure) {
        if (failure instanceof ProviderFailure.Rejected rejected && rejected.callerAtFault()) {
            return;
        }
        states.computeIfPresent(name, (n, s) -> ProviderState.failing(failure));
    }
}
