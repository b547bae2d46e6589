package io.confidencegateway.product;

import io.confidencegateway.confidence.Thresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.confidencegateway.provider.ModelCatalog;


/**
 * Checks a product id and spec before anything is stored: the id is a lowercase slug, every field is in range
 * (the constraints on {@link ProductSpec} and {@link Thresholds}), an explicit {@code model} is a model the
 * gateway can route, every listed verifier exists and is configured, and (for a {@code PUT}) the product's model
 * route has a provider in its {@code data_residency}. Reports every problem at once, each under its snake_case JSON
 * path.
 */
@ApplicationScoped
public class ProductValidator {

    /** Product ids: what fits in a URL path segment, a metric tag and the {@code product} column unchanged. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final Validator validator;
    private final Predicate<String> routableModel;
    private final Function<String, Optional<String>> verifierProblem;
    private final BiFunction<String, String, Optional<String>> residencyProblem;

    @Inject
    public ProductValidator(Validator validator, ModelCatalog models, VerifierCatalog verifiers) {
        this(validator, model -> !(models.resolve(model) instanceof ModelCatalog.Unknown), verifiers::problem,
                models::residencyProblem);
    }

    ProductValidator(Validator validator, Predicate<String> routableModel) {
        this(validator, routableModel, name -> Optional.of("'" + name + "' is not a verifier"),
                (residency, alias) -> Optional.empty());
    }

    ProductValidator(Validator validator, Predicate<String> routableModel,
            Function<String, Optional<String>> verifierProblem) {
        this(validator, routableModel, verifierProblem, (residency, alias) -> Optional.empty());
    }

    ProductValidator(Validator validator, Predicate<String> routableModel,
            Function<String, Optional<String>> verifierProblem,
            BiFunction<String, String, Optional<String>> residencyProblem) {
        this.validator = validator;
        this.routableModel = routableModel;
        this.verifierProblem = verifierProblem;
        this.residencyProblem = residencyProblem;
    }

    /** Whether the id is a well-formed product id. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Throws {@link InvalidProductException} listing every problem with the id and the spec. The residency of the
     * route is not checked here: a seed or stored product whose route lost its region to a configuration change
     * still loads (its answers are handed off); see {@link #validate(String, ProductSpec, Function)}.
     */
    public void validate(String id, ProductSpec spec) {
        validate(id, spec, null);
    }

    /**
     * As {@link #validate(String, ProductSpec)}, and, once the spec is otherwise valid, whether the model route it is
     * served by ({@code routeOf}: its own {@code model} or its tier's alias) has a provider in its
     * {@code data_residency}: what a {@code PUT} checks before anything is stored.
     */
    public void validate(String id, ProductSpec spec, Function<ProductSpec, String> routeOf) {
        List<SpecViolation> violations = new ArrayList<>();
        if (!isValidId(id)) {
            violations.add(new SpecViolation("id", "must be a lowercase slug of 1 to 63 characters: a-z, 0-9 and"
                    + " '-', not starting with '-' (got '" + id + "')"));
        }
        if (spec == null) {
            violations.add(new SpecViolation(null, "A product spec is required"));
            throw new InvalidProductException(violations);
        }
        for (ConstraintViolation<ProductSpec> violation : validator.validate(spec)) {
            violations.add(new SpecViolation(jsonPath(violation.getPropertyPath()), violation.getMessage()));
        }
        if (spec.model() != null && !spec.model().isBlank() && spec.model().length() <= 200
                && !routableModel.test(spec.model())) {
            violations.add(new SpecViolation("model", "'" + spec.model() + "' is not a model alias of this gateway"
                    + " (GET /v1/models lists them); leave it out to follow the tier recommendation"));
        }
        List<String> verifiers = spec.verifierNames();
        for (int i = 0; i < verifiers.size(); i++) {
            String name = verifiers.get(i);
            if (name == null || name.isBlank()) {
                violations.add(new SpecViolation("verifiers[" + i + "]", "must be a verifier name"));
            } else if (verifiers.subList(0, i).contains(name)) {
                violations.add(new SpecViolation("verifiers[" + i + "]", "'" + name + "' is listed twice"));
            } else {
                int at = i;
                verifierProblem.apply(name).ifPresent(problem -> violations.add(new SpecViolation("verifiers[" + at
                        + "]", problem + "; leave it out of verifiers to answer without it")));
            }
        }
        if (violations.isEmpty() && routeOf != null) {
            residencyProblem.apply(spec.dataResidency(), routeOf.apply(spec))
                    .ifPresent(problem -> violations.add(new SpecViolation("data_residency", problem)));
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(SpecViolation::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(SpecViolation::message));
            throw new InvalidProductException(violations);
        }
    }

    /** {@code inputTypes[1].<list element>} becomes {@code input_types[1]}; the ordering check names its object. */
    static String jsonPath(Path path) {
        var json = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                json.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            String name = node.getName();
            if (name == null || name.startsWith("<") || name.equals("ordered")) {
                continue;
            }
            if (json.length() > 0) {
                json.append('.');
            }
            json.append(SNAKE_CASE.translate(name));
        }
        return json.length() == 0 ? null : json.toString();
    }
}
