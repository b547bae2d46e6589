package io.confidencegateway.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves the {@code model} a client sent to an ordered list of provider targets: a configured alias (one
 * provider, or a failover {@code route}), or, when {@code gateway.allow-direct-models}, {@code <provider>/<model>}.
 * Routes are parsed and checked once, at start-up.
 */
@ApplicationScoped
public class ModelCatalog {

    /** Where a model name leads. */
    public sealed interface Resolution {
    }

    /** A usable route: the enabled targets in failover order. */
    public record Route(String alias, List<Target> targets) implements Resolution {
        /** The first target, the one tried first. */
        public Target primary() {
            return targets.get(0);
        }
    }

    /** One provider and the upstream model to ask it for. */
    public record Target(ChatProvider provider, String upstreamModel) {
        @Override
        public String toString() {
            return provider.id() + ":" + upstreamModel;
        }
    }

    /** No alias or direct route of that name. */
    public record Unknown(String model) implements Resolution {
    }

    /** The alias exists, but none of its providers is enabled (e.g. no API key). */
    public record ProviderDisabled(String model, String reason) implements Resolution {
    }

    /**
     * One entry of the model list.
     *
     * @param available whether a request for the alias can be expected to work: true for {@code ready},
     *        {@code configured} and {@code failing}
     * @param status of the best provider on the route, see {@link ProviderStatus}
     * @param statusReason why, when not ready
     * @param regions the regions the alias can serve a product's {@code data_residency} in, sorted: its providers'
     *        declared regions, and {@code local} when an in-process provider (local to every region) is on it
     * @param placements each provider of the route, in route order, with its region
     */
    public record Listed(String alias, String provider, String upstreamModel, String route, String description,
            boolean available, String status, String statusReason, List<String> regions,
            List<ResidencyPolicy.Placement> placements) {
    }

    private record Step(String provider, String model) {
    }

    private final ProvidersConfig config;
    private final ProviderRegistry registry;
    private final Map<String, List<Step>> routes = new LinkedHashMap<>();

    public ModelCatalog(ProvidersConfig config, ProviderRegistry registry) {
        this.config = config;
        this.registry = registry;
        config.models().forEach((alias, model) -> routes.put(alias, parse(alias, model)));
    }

    private List<Step> parse(String alias, ProvidersConfig.Model model) {
        var steps = new ArrayList<Step>();
        if (model.route().filter(r -> !r.isBlank()).isPresent()) {
            for (String part : model.route().get().split(",")) {
                String step = part.strip();
                int colon = step.indexOf(':');
                steps.add(colon < 0 ? new Step(step, alias) : new Step(step.substring(0, colon),
                        step.substring(colon + 1)));
            }
        } else if (model.provider().isPresent() && model.model().isPresent()) {
            steps.add(new Step(model.provider().get(), model.model().get()));
        } else {
            throw new IllegalStateException("gateway.models." + alias + " needs either .route=<provider>:<model>,… "
                    + "or both .provider and .model");
        }
        for (Step step : steps) {
            if (step.provider().isBlank() || step.model().isBlank() || !registry.isConfigured(step.provider())) {
                throw new IllegalStateException("gateway.models." + alias + " routes to '" + step.provider() + ":"
                        + step.model() + "', but no provider '" + step.provider() + "' is configured "
                        + "(gateway.providers." + step.provider() + ".type)");
            }
        }
        return List.copyOf(steps);
    }

    /** The configured steps of an alias or a direct {@code <provider>/<model>}; null when neither. */
    private List<Step> stepsOf(String model) {
        List<Step> steps = routes.get(model);
        if (steps == null) {
            int slash = model.indexOf('/');
            if (!config.allowDirectModels() || slash <= 0 || slash == model.length() - 1
                    || !registry.isConfigured(model.substring(0, slash))) {
                return null;
            }
            steps = List.of(new Step(model.substring(0, slash), model.substring(slash + 1)));
        }
        return steps;
    }

    /**
     * Where each configured provider of the model's route runs (enabled or not), in route order, each once; empty
     * for a model that is neither an alias nor a direct route.
     */
    public List<ResidencyPolicy.Placement> placements(String model) {
        List<Step> steps = model == null ? null : stepsOf(model);
        if (steps == null) {
            return List.of();
        }
        return steps.stream().map(Step::provider).distinct().map(registry::placement).toList();
    }

    /**
     * Why the model's route cannot serve a product whose data must stay in {@code residency}: none of its providers
     * is in that region or inside the gateway. Empty when it can, when there is no residency, or for an unknown model.
     */
    public java.util.Optional<String> residencyProblem(String residency, String model) {
        if (ResidencyPolicy.normalise(residency) == null) {
            return java.util.Optional.empty();
        }
        return ResidencyPolicy.unservable(residency, model, placements(model));
    }

    /** The targets of a route that may serve a product of that residency (null: any), in route order. */
    public List<Target> servingIn(String residency, Route route) {
        return route.targets().stream()
                .filter(t -> ResidencyPolicy.allows(residency, registry.placement(t.provider().id()))).toList();
    }

    public Resolution resolve(String model) {
        List<Step> steps = stepsOf(model);
        if (steps == null) {
            return new Unknown(model);
        }
        var targets = new ArrayList<Target>(steps.size());
        var reasons = new ArrayList<String>();
        for (Step step : steps) {
            registry.find(step.provider()).ifPresentOrElse(
                    provider -> targets.add(new Target(provider, step.model())),
                    () -> reasons.add(registry.unavailableReason(step.provider()).orElse(
                            "provider '" + step.provider() + "' is not enabled")));
        }
        if (targets.isEmpty()) {
            return new ProviderDisabled(model, String.join("; ", reasons));
        }
        return new Route(model, List.copyOf(targets));
    }

    /** What the gateway knows of one provider right now, without calling it. */
    ProviderStatus status(String name) {
        var provider = registry.find(name);
        if (provider.isEmpty()) {
            return ProviderStatus.disabled(registry.unavailableReason(name).orElse("not enabled"));
        }
        if (provider.get().inProcess()) {
            return ProviderStatus.READY;
        }
        return ProviderStatus.of(registry.probeUrls().containsKey(name), registry.reachability(name).orElse(null),
                registry.breakerStates().getOrDefault(name, CircuitBreaker.State.CLOSED),
                registry.states().getOrDefault(name, ProviderState.UNKNOWN));
    }

    /** What the gateway knows of every configured provider right now (enabled or not), by name, without calls. */
    public Map<String, ProviderStatus> providerStatuses() {
        var statuses = new TreeMap<String, ProviderStatus>();
        registry.enabled().keySet().forEach(name -> statuses.put(name, status(name)));
        registry.disabled().keySet().forEach(name -> statuses.put(name, status(name)));
        return statuses;
    }

    /** Every configured alias, with whether and how far it can be served. */
    public Map<String, Listed> list() {
        var listed = new TreeMap<String, Listed>();
        routes.forEach((alias, steps) -> {
            Step first = steps.get(0);
            String route = steps.size() == 1 ? null : String.join(",", steps.stream()
                    .map(s -> s.provider() + ":" + s.model()).toList());
            ProviderStatus best = steps.stream().map(s -> status(s.provider()))
                    .filter(ProviderStatus::available).findFirst().orElse(status(first.provider()));
            List<ResidencyPolicy.Placement> placements = placements(alias);
            List<String> regions = placements.stream().map(p -> p.local() ? "local" : p.region())
                    .filter(java.util.Objects::nonNull).distinct().sorted().toList();
            listed.put(alias, new Listed(alias, first.provider(), first.model(), route,
                    config.models().get(alias).description().orElse(null), best.available(), best.status(),
                    best.reason(), regions, placements));
        });
        return listed;
    }
}
