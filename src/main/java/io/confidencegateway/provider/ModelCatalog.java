package io.confidencegateway.provider;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves the {@code model} a client sent to a provider and upstream model: a configured alias, or (when
 * {@code gateway.allow-direct-models}) {@code <provider>/<upstream-model>}.
 */
@ApplicationScoped
public class ModelCatalog {

    /** Where a model name leads. */
    public sealed interface Resolution {
    }

    /** A usable route. */
    public record Route(String alias, ChatProvider provider, String upstreamModel) implements Resolution {
    }

    /** No alias or direct route of that name. */
    public record Unknown(String model) implements Resolution {
    }

    /** The alias exists, but its provider is not enabled (e.g. no API key). */
    public record ProviderDisabled(String model, String reason) implements Resolution {
    }

    /** One entry of the model list. */
    public record Listed(String alias, String provider, String upstreamModel, String description, boolean available) {
    }

    private final ProvidersConfig config;
    private final ProviderRegistry registry;

    public ModelCatalog(ProvidersConfig config, ProviderRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    public Resolution resolve(String model) {
        ProvidersConfig.Model alias = config.models().get(model);
        if (alias != null) {
            return route(model, alias.provider(), alias.model());
        }
        int slash = model.indexOf('/');
        if (config.allowDirectModels() && slash > 0 && slash < model.length() - 1) {
            String provider = model.substring(0, slash);
            if (registry.isConfigured(provider)) {
                return route(model, provider, model.substring(slash + 1));
            }
        }
        return new Unknown(model);
    }

    private Resolution route(String alias, String providerName, String upstreamModel) {
        return registry.find(providerName)
                .<Resolution>map(provider -> new Route(alias, provider, upstreamModel))
                .orElseGet(() -> new ProviderDisabled(alias, registry.unavailableReason(providerName)
                        .orElse("provider '" + providerName + "' of model '" + alias + "' is not configured")));
    }

    /** Every configured alias, with whether its provider is enabled. */
    public Map<String, Listed> list() {
        var listed = new TreeMap<String, Listed>();
        config.models().forEach((alias, model) -> listed.put(alias, new Listed(alias, model.provider(), model.model(),
                model.description().orElse(null), registry.find(model.provider()).isPresent())));
        return listed;
    }
}
