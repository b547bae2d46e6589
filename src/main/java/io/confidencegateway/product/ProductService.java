package io.confidencegateway.product;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.confidencegateway.provider.ModelCatalog;
import io.confidencegateway.store.Database;
import io.confidencegateway.store.StoreException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The product catalog. Every product lives in memory, so {@link #find} on the request path never touches the
 * database; the {@code product} table is the durable copy, read once at start-up and written by {@link #put}.
 *
 * <p>Start-up: load every stored product, then add the products of the seed file whose ids are not stored yet.
 * Stored products win over the seed, so API edits survive restarts and a changed seed entry takes effect only for
 * a new id (or after the row is deleted). Edits made on another instance reach this one at its next restart.
 */
@ApplicationScoped
public class ProductService {

    private static final Logger LOG = Logger.getLogger(ProductService.class);
    private static final String DUPLICATE_KEY = "23505";

    /** A product in memory; the version orders concurrent replacements whose commits finish out of order. */
    private record Held(ProductEntry entry, long version) {
    }

    /** The stored products after seeding, and the ids the seed added this time. */
    private record Catalog(List<StoredProduct> rows, List<String> seededNow) {
    }

    private final ConcurrentMap<String, Held> products = new ConcurrentHashMap<>();
    private final ModelTierPolicy policy = new ModelTierPolicy();
    private final Database database;
    private final ProductRepository repository;
    private final ProductSpecCodec codec;
    private final ProductValidator validator;
    private final ProductSeed seed;
    private final ProductsConfig config;
    private final TiersConfig tiers;
    private final ModelCatalog models;
    private final PromptModels prompts;

    public ProductService(Database database, ProductRepository repository, ProductSpecCodec codec,
            ProductValidator validator, ProductSeed seed, ProductsConfig config, TiersConfig tiers,
            ModelCatalog models, PromptModels prompts) {
        this.database = database;
        this.repository = repository;
        this.codec = codec;
        this.validator = validator;
        this.seed = seed;
        this.config = config;
        this.tiers = tiers;
        this.models = models;
        this.prompts = prompts;
    }

    void onStart(@Observes StartupEvent event) {
        for (ModelTier tier : ModelTier.values()) {
            String alias = aliasFor(tier);
            if (models.resolve(alias) instanceof ModelCatalog.Unknown) {
                LOG.warnf("gateway.tiers.%s=%s is not a model alias (gateway.models); products of that tier cannot"
                        + " be routed", tier.wireName(), alias);
            }
        }
        Map<String, ProductSpec> seeded = seed.load(config.seedFile());
        Catalog catalog = storeSeeds(seeded);
        for (StoredProduct row : catalog.rows()) {
            remember(row.id(), readStored(row), row.version());
        }
        LOG.infof("Product catalog: %d products; seeded now from %s: %s", products.size(), config.seedFile(),
                catalog.seededNow().isEmpty() ? "none (all seed ids already stored)" : catalog.seededNow());
        list().forEach(this::warnIfUnservable);
    }

    /**
     * A product stored (or seeded) before the providers' regions changed may have no provider left in its
     * data_residency: it still loads, its answers are handed off, and the log says what to fix.
     */
    private void warnIfUnservable(ProductEntry product) {
        models.residencyProblem(product.spec().dataResidency(), modelAliasFor(product.spec())).ifPresent(problem ->
                LOG.warnf("Product %s cannot be answered by a model: %s. Its answers are handed off to a person "
                        + "until its route or spec changes (PUT /v1/products/%s).", product.id(), problem,
                        product.id()));
    }

    /** The product's spec, from memory. */
    public Optional<ProductSpec> find(String id) {
        Held held = id == null ? null : products.get(id);
        return held == null ? Optional.empty() : Optional.of(held.entry().spec());
    }

    /** Every product, by id. */
    public List<ProductEntry> list() {
        return products.values().stream().map(Held::entry).sorted(Comparator.comparing(ProductEntry::id)).toList();
    }

    /**
     * Validates, stores in one transaction and, once committed, serves the product. Fails with
     * {@link InvalidProductException} (nothing stored) for a bad id or spec, and for a {@code data_residency} that
     * the model of a version one of its prompt labels points at cannot serve (that model answers instead of the
     * spec's, so every answer of the label would be handed off).
     */
    public Uni<PutResult> put(String id, ProductSpec spec) {
        try {
            validator.validate(id, spec, this::modelAliasFor);
        } catch (InvalidProductException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        String json = codec.write(spec);
        return database.transaction(connection -> {
            requireLabelsServable(connection, id, spec.dataResidency());
            return repository.write(connection, id, json, Instant.now());
        })
                // A concurrent create of the same id won the insert; running again replaces it.
                .onFailure(ProductService::isDuplicateKey).retry().atMost(1)
                .map(row -> {
                    remember(id, spec, row.version());
                    return new PutResult(new ProductEntry(id, spec), row.version() == 1);
                });
    }

    private void requireLabelsServable(Connection connection, String id, String residency) throws SQLException {
        if (residency == null || residency.isBlank()) {
            return;
        }
        List<SpecViolation> stranded = new ArrayList<>();
        for (PromptModels.LabelledModel labelled : prompts.labelledModels(connection, id)) {
            LabelResidencyPolicy.residencyRefused(id, labelled, residency, models.placements(labelled.model()))
                    .ifPresent(problem -> stranded.add(new SpecViolation("data_residency", problem)));
        }
        if (!stranded.isEmpty()) {
            throw new InvalidProductException(stranded);
        }
    }

    /** The model alias requests for this spec are routed to: its explicit {@code model}, else its tier's alias. */
    public String modelAliasFor(ProductSpec spec) {
        return hasOwnModel(spec) ? spec.model() : aliasFor(policy.recommend(spec).tier());
    }

    /** The tier recommendation for a spec, and the alias it resolves to. */
    public Recommendation recommend(ProductSpec spec) {
        return recommend(null, spec);
    }

    /** The recommendation for a stored product. */
    public Optional<Recommendation> recommendationFor(String id) {
        return find(id).map(spec -> recommend(id, spec));
    }

    private Recommendation recommend(String id, ProductSpec spec) {
        TierChoice choice = policy.recommend(spec);
        String tierAlias = aliasFor(choice.tier());
        boolean overridden = hasOwnModel(spec);
        return new Recommendation(id, choice.tier(), tierAlias, choice.reason(), choice.guardrails(), overridden,
                overridden ? spec.model() : tierAlias);
    }

    private String aliasFor(ModelTier tier) {
        switch (tier) {
            case FRONTIER:
                return tiers.frontier();
            case LONG_CONTEXT:
                return tiers.longContext();
            case FINE_TUNED_SMALL:
                return tiers.fineTunedSmall();
            default:
                return tiers.mid();
        }
    }

    private static boolean hasOwnModel(ProductSpec spec) {
        return spec.model() != null && !spec.model().isBlank();
    }

    /** Inserts the seeds whose ids are not stored, then returns every stored product (one transaction). */
    private Catalog storeSeeds(Map<String, ProductSpec> seeded) {
        try {
            return database.inTransaction(connection -> insertMissing(connection, seeded));
        } catch (StoreException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // Another instance seeded the same id meanwhile; its row now counts as stored.
            return database.inTransaction(connection -> insertMissing(connection, seeded));
        }
    }

    private Catalog insertMissing(Connection connection, Map<String, ProductSpec> seeded) throws SQLException {
        List<StoredProduct> stored = new ArrayList<>(repository.findAll(connection));
        Set<String> storedIds = stored.stream().map(StoredProduct::id).collect(Collectors.toSet());
        List<String> seededNow = new ArrayList<>();
        Instant now = Instant.now();
        for (Map.Entry<String, ProductSpec> entry : seeded.entrySet()) {
            if (!storedIds.contains(entry.getKey())) {
                String json = codec.write(entry.getValue());
                repository.insert(connection, entry.getKey(), json, now);
                stored.add(new StoredProduct(entry.getKey(), json, 1, now, now));
                seededNow.add(entry.getKey());
            }
        }
        return new Catalog(stored, seededNow);
    }

    private ProductSpec readStored(StoredProduct row) {
        try {
            return codec.read(codec.parse(row.specJson()));
        } catch (InvalidProductException e) {
            throw new IllegalStateException("Stored product '" + row.id() + "' (table product) cannot be read: "
                    + e.getMessage() + "; fix the row or replace the product with PUT /v1/products/" + row.id());
        }
    }

    /**
     * Reads the stored products newer than the ones served (another instance replaced them) and serves them; one
     * query for the versions, one per changed product. Runs on the calling (worker) thread.
     */
    List<String> reloadChanged() {
        List<StoredProduct> changed = database.inTransaction(connection -> {
            var rows = new ArrayList<StoredProduct>();
            for (Map.Entry<String, Long> stored : repository.versions(connection).entrySet()) {
                Held held = products.get(stored.getKey());
                if (held == null || held.version() < stored.getValue()) {
                    repository.find(connection, stored.getKey()).ifPresent(rows::add);
                }
            }
            return rows;
        });
        var reloaded = new ArrayList<String>(changed.size());
        for (StoredProduct row : changed) {
            try {
                remember(row.id(), readStored(row), row.version());
                reloaded.add(row.id());
            } catch (IllegalStateException unreadable) {
                // The instance that wrote it validated it; a row edited by hand keeps the last good spec served.
                LOG.warn(unreadable.getMessage());
            }
        }
        return reloaded;
    }

    private void remember(String id, ProductSpec spec, long version) {
        products.merge(id, new Held(new ProductEntry(id, spec), version),
                (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof StoreException && failure.getCause() instanceof SQLException
                && DUPLICATE_KEY.equals(((SQLException) failure.getCause()).getSQLState());
    }
}
