package io.confidencegateway.prompt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.product.LabelResidencyPolicy;
import io.confidencegateway.product.ProductService;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.product.PromptModels;
import io.confidencegateway.provider.ModelCatalog;
import io.confidencegateway.store.Database;
import io.confidencegateway.store.StoreException;
import io.smallrye.mutiny.Uni;

/**
 * Prompt versions and labels of the products, and the choice of version for each answer. Labels are read through a
 * short per-replica cache (gateway.prompts.label-cache-ttl) so that a move on any replica shows everywhere within
 * it; versions never change, so a version once read is kept.
 */
@ApplicationScoped
public class PromptService {

    /** The labels of a product as read at {@code readAt} (System.nanoTime). */
    private record CachedLabels(List<PromptLabel> labels, long readAt) {
    }

    private record VersionKey(String product, int version) {
    }

    private final Database database;
    private final PromptRepository repository;
    private final ProductService products;
    private final ModelCatalog catalog;
    private final PromptAudit audit;
    private final Instance<PromotionGate> gates;
    private final long ttlNanos;
    private final Map<String, CachedLabels> labels = new ConcurrentHashMap<>();
    private final Map<VersionKey, PromptVersion> versions = new ConcurrentHashMap<>();

    public PromptService(Database database, PromptRepository repository, ProductService products,
            ModelCatalog catalog, PromptAudit audit, PromptsConfig config, Instance<PromotionGate> gates) {
        this.gates = gates;
        this.database = database;
        this.repository = repository;
        this.products = products;
        this.catalog = catalog;
        this.audit = audit;
        this.ttlNanos = config.labelCacheTtl().toNanos();
    }

    /** The version that answers this request: sticky per conversation, else per user, else drawn per request. */
    public Uni<PromptVersion> choose(String product, String conversationId, String userId) {
        String key = PromptSplitPolicy.stickyKey(conversationId, userId);
        int bucket = key == null ? ThreadLocalRandom.current().nextInt(100) : PromptSplitPolicy.bucket(product, key);
        return labelsOf(product).chain(current -> version(product, PromptSplitPolicy.choose(current, bucket)
                .version()));
    }

    /**
     * The version as the meters tag it: its number while one of the product's labels (as this replica last read
     * them) points at it, else {@code other}, so a version long moved away from gets no new series. An answer chosen
     * just before a move on this replica still counts under its number.
     */
    public String meterTag(String product, int version) {
        CachedLabels cached = labels.get(product);
        if (cached == null || withProduction(cached.labels()).stream().anyMatch(l -> l.version() == version)) {
            return Integer.toString(version);
        }
        return GatewayMetrics.OTHER_PROMPT_VERSION;
    }

    /**
     * Creates the next version of a product; 404 for an unknown product, 400 naming every bad field, and a 400 under
     * {@code model} when none of that model route's providers may serve the product's {@code data_residency} (the
     * words of a product {@code PUT}): such a version could only hand every answer off, so no label can point at it.
     */
    public Uni<PromptVersion> create(String product, NewPrompt prompt) {
        requireProduct(product);
        List<Problem.FieldError> errors = PromptValidator.check(prompt,
                model -> catalog.resolve(model) instanceof ModelCatalog.Route);
        if (errors.isEmpty() && prompt.model() != null) {
            errors = catalog.residencyProblem(residencyOf(product), prompt.model())
                    .map(problem -> List.of(new Problem.FieldError("model", problem))).orElse(List.of());
        }
        if (!errors.isEmpty()) {
            throw invalid("Invalid prompt version", errors);
        }
        return database.transaction(connection -> repository.insert(connection, product, prompt, Instant.now()))
                // Two versions created at once may both take the next number; the primary key refuses the second,
                // which then takes the one after.
                .onFailure(StoreException::refusedData).retry().atMost(3)
                .invoke(created -> {
                    versions.put(new VersionKey(product, created.version()), created);
                    audit.record(PromptAudit.Action.VERSION_CREATED, product, "version " + created.version(),
                            "model=" + created.model() + " temperature=" + created.temperature() + " passages="
                                    + created.passages(), created.note());
                });
    }

    /** Every version of a product, oldest first (version 1, the shipped prompt, included). */
    public Uni<List<PromptVersion>> list(String product) {
        requireProduct(product);
        return database.transaction(connection -> repository.versions(connection, product)).map(stored -> {
            var all = new ArrayList<PromptVersion>(stored.size() + 1);
            all.add(PromptVersion.shipped(product));
            all.addAll(stored);
            return all;
        });
    }

    /** One version, or a 404 naming what exists. */
    public Uni<PromptVersion> find(String product, int version) {
        requireProduct(product);
        return versionIfAny(product, version).map(found -> found.orElseThrow(() -> ProblemException.notFound(
                "Product '" + product + "' has no prompt version " + version + "; GET /v1/products/" + product
                        + "/prompts lists them")));
    }

    /** The labels of a product as stored now, production always among them. */
    public Uni<List<PromptLabel>> labels(String product) {
        requireProduct(product);
        return database.transaction(connection -> repository.labels(connection, product))
                .map(PromptService::withProduction);
    }

    /**
     * Points a label at a version of the product. Moving production to another version passes the promotion gate
     * first (409 naming the failing criteria) unless forced with a reason. Takes effect at once on this replica and
     * within the label cache's lifetime on the others.
     */
    public Uni<PromptLabel> move(String product, String label, LabelMove move) {
        requireProduct(product);
        List<Problem.FieldError> shape = PromptValidator.check(label, move, 0);
        if (!shape.isEmpty()) {
            throw invalid("Invalid label move", shape);
        }
        Uni<Integer> gated = Uni.createFrom().item(0);
        if (PromptLabel.PRODUCTION.equals(label) && !move.forced() && gates.isResolvable()) {
            gated = versionIfAny(product, move.version()).chain(target -> {
                if (target.isEmpty()) {
                    return Uni.createFrom().item(0);
                }
                // Before the gate: forcing it would not help.
                requireServable(product, label, target.get());
                return database.transaction(connection -> withProduction(repository.labels(connection, product)))
                        .map(labels -> PromptSplitPolicy.choose(labels.stream().filter(l -> PromptLabel.PRODUCTION
                                .equals(l.label())).toList(), 0).version())
                        .chain(from -> from == move.version() ? Uni.createFrom().item(0)
                                : gates.get().failures(product, from, move.version()).map(failing -> {
                                    if (!failing.isEmpty()) {
                                        throw refused(product, from, move.version(), failing);
                                    }
                                    return from;
                                }));
            });
        }
        return gated.chain(ignored -> moveNow(product, label, move));
    }

    private static ProblemException refused(String product, int from, int to, List<String> failing) {
        return new ProblemException(new Problem("about:blank", "Conflict", 409, "Production of '" + product
                + "' stays on version " + from + ": version " + to + " fails the promotion gate: "
                + String.join("; ", failing) + ". Improve and evaluate the version again, or send \"force\": true "
                + "with a reason to override", null, failing.stream().map(f -> new Problem.FieldError("version", f))
                        .toList()));
    }

    private Uni<PromptLabel> moveNow(String product, String label, LabelMove move) {
        return database.transaction(connection -> {
            List<PromptLabel> current = repository.labels(connection, product);
            int others = current.stream().filter(l -> !l.label().equals(label)
                    && !PromptLabel.PRODUCTION.equals(l.label())).mapToInt(PromptLabel::weight).sum();
            List<Problem.FieldError> errors = PromptValidator.check(label, move, others);
            if (!errors.isEmpty()) {
                throw invalid("Invalid label move", errors);
            }
            int version = move.version();
            Optional<PromptVersion> target = version == PromptVersion.SHIPPED ? Optional.empty()
                    : repository.version(connection, product, version);
            if (version != PromptVersion.SHIPPED && target.isEmpty()) {
                throw invalid("Invalid label move", List.of(new Problem.FieldError("version", "product '" + product
                        + "' has no prompt version " + version + "; create it with POST /v1/products/" + product
                        + "/prompts, or GET that path to list them")));
            }
            target.ifPresent(found -> requireServable(product, label, found));
            var moved = new PromptLabel(label, version, move.weight() == null ? 0 : move.weight(), Instant.now());
            repository.putLabel(connection, product, moved);
            return moved;
        }).invoke(moved -> {
            labels.remove(product);
            audit.record(move.forced() ? PromptAudit.Action.GATE_OVERRIDDEN : PromptAudit.Action.LABEL_MOVED, product,
                    "label " + label, "version " + moved.version() + ", weight " + moved.weight(), move.reason());
        });
    }

    /**
     * A 400 under {@code version} when the version's own model cannot serve the product's data_residency: a version
     * created before the residency was set may name one, and a label on it would hand every answer off.
     */
    private void requireServable(String product, String label, PromptVersion version) {
        String model = version.model();
        if (model == null || model.isBlank()) {
            return;
        }
        LabelResidencyPolicy.moveRefused(product, new PromptModels.LabelledModel(label, version.version(), model),
                residencyOf(product), catalog.placements(model)).ifPresent(problem -> {
                    throw invalid("Invalid label move", List.of(new Problem.FieldError("version", problem)));
                });
    }

    private String residencyOf(String product) {
        return products.find(product).map(ProductSpec::dataResidency).orElse(null);
    }

    private Uni<List<PromptLabel>> labelsOf(String product) {
        CachedLabels cached = labels.get(product);
        if (cached != null && System.nanoTime() - cached.readAt() < ttlNanos) {
            return Uni.createFrom().item(cached.labels());
        }
        return database.transaction(connection -> repository.labels(connection, product)).invoke(read ->
                labels.put(product, new CachedLabels(read, System.nanoTime())));
    }

    /** A version for serving; a label never points at a missing one, so one that vanished falls back to 1. */
    private Uni<PromptVersion> version(String product, int version) {
        return versionIfAny(product, version).map(found -> found.orElseGet(() -> PromptVersion.shipped(product)));
    }

    private Uni<Optional<PromptVersion>> versionIfAny(String product, int version) {
        if (version == PromptVersion.SHIPPED) {
            return Uni.createFrom().item(Optional.of(PromptVersion.shipped(product)));
        }
        PromptVersion known = versions.get(new VersionKey(product, version));
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return database.transaction(connection -> repository.version(connection, product, version))
                .invoke(found -> found.ifPresent(v -> versions.put(new VersionKey(product, version), v)));
    }

    private static List<PromptLabel> withProduction(List<PromptLabel> stored) {
        if (stored.stream().anyMatch(l -> PromptLabel.PRODUCTION.equals(l.label()))) {
            return stored;
        }
        var all = new ArrayList<PromptLabel>(stored.size() + 1);
        all.add(PromptLabel.shippedProduction());
        all.addAll(stored);
        return all;
    }

    /** Throws a 404 problem naming the product when no product has that id. */
    public void requireProduct(String product) {
        if (products.find(product).isEmpty()) {
            throw ProblemException.notFound("No product has the id '" + product + "'; GET /v1/products lists them");
        }
    }

    private static ProblemException invalid(String title, List<Problem.FieldError> errors) {
        String detail = title + ": " + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message())
                .toList());
        return new ProblemException(new Problem("about:blank", "Bad Request", 400, detail, null, errors));
    }
}
