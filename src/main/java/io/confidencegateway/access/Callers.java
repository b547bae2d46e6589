package io.confidencegateway.access;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;

/**
 * The key behind the current request, as {@link AccessFilter} found it, and the scope checks that need what only
 * the body says (the product of {@code POST /v1/answers}, the model or product of a chat completion). The rules
 * themselves live in {@link AccessPolicy}; this only hands them the values.
 */
@ApplicationScoped
public class Callers {

    /** Longer rotation chains than this are cut off (a guard, not a limit anyone reaches by rotating). */
    private static final int MAX_ROTATIONS = 1_000;

    private final CurrentVertxRequest current;
    private final KeyTable table;

    public Callers(CurrentVertxRequest current, KeyTable table) {
        this.current = current;
        this.table = table;
    }

    /** The caller's key on a routing context; empty on open paths. */
    public static Optional<ApiKey> of(RoutingContext context) {
        return Optional.ofNullable(context.get(AccessFilter.CALLER));
    }

    /**
     * The caller's key wherever the current request's work runs: on its Vert.x (duplicated) context, where
     * {@link AccessFilter} left it (the raw chat route and what it calls), or through the CDI request context
     * (JAX-RS resources and the Mutiny callbacks context propagation carries it into). Empty on open paths and
     * outside any request (background jobs).
     */
    public Optional<ApiKey> current() {
        if (VertxContext.isOnDuplicatedContext()) {
            Optional<ApiKey> local = ContextLocals.get(AccessFilter.CALLER);
            if (local.isPresent()) {
                return local;
            }
        }
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext context = current.getCurrent();
        return context == null ? Optional.empty() : of(context);
    }

    /**
     * Why the caller may not ask this product or call this model alias directly, or empty when it may. Exactly one
     * of the two is checked: a product answer runs on the product's own model route.
     */
    public static Optional<AccessPolicy.Decision.Forbidden> scopeDenial(RoutingContext context, String product,
            String model) {
        Optional<ApiKey> caller = of(context);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = caller.get();
        if (product != null) {
            return key.mayUseProduct(product) ? Optional.empty()
                    : Optional.of(AccessPolicy.productForbidden(key, product));
        }
        if (model != null && !key.mayUseModel(model)) {
            return Optional.of(AccessPolicy.modelForbidden(key, model));
        }
        return Optional.empty();
    }

    /**
     * The ids a key has had: its own, and those of the keys it was rotated from, so that a rotated key keeps what it
     * created (its answers) as its own.
     */
    public Set<UUID> keyIds(ApiKey key) {
        Set<UUID> ids = new LinkedHashSet<>();
        ids.add(key.id());
        UUID previous = key.rotatedFrom();
        while (previous != null && ids.size() <= MAX_ROTATIONS && ids.add(previous)) {
            previous = table.byId(previous).map(ApiKey::rotatedFrom).orElse(null);
        }
        return ids;
    }

    /** Throws a 403 problem when the current caller may not ask this product. */
    public void requireProduct(String product) {
        Optional<ApiKey> caller = current();
        if (caller.isPresent() && product != null && !caller.get().mayUseProduct(product)) {
            throw new ProblemException(Problem.of(403, "Forbidden",
                    AccessPolicy.productForbidden(caller.get(), product).detail()));
        }
    }
}
