package io.confidencegateway.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored key: who it is, what it may do and how much. Never holds the key itself, only its hash and the visible
 * prefix. {@code products} and {@code models} are allow-lists; empty means any. {@code rotatedFrom} is the id of the
 * key this one replaced by rotation (null for a key created as such).
 */
public record ApiKey(UUID id, String name, String prefix, String hash, Role role, List<String> products,
        List<String> models, Integer rpm, Integer tpm, Integer maxParallel, Long budgetNanos, BudgetPeriod budgetPeriod,
        Instant expiresAt, boolean bootstrap, Instant createdAt, Instant revokedAt, UUID rotatedFrom) {

    /** A key that replaced none. */
    public ApiKey(UUID id, String name, String prefix, String hash, Role role, List<String> products,
            List<String> models, Integer rpm, Integer tpm, Integer maxParallel, Long budgetNanos,
            BudgetPeriod budgetPeriod, Instant expiresAt, boolean bootstrap, Instant createdAt, Instant revokedAt) {
        this(id, name, prefix, hash, role, products, models, rpm, tpm, maxParallel, budgetNanos, budgetPeriod,
                expiresAt, bootstrap, createdAt, revokedAt, null);
    }

    /** The window a budget is counted in. */
    public enum BudgetPeriod {
        DAY, MONTH;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static BudgetPeriod parse(String wire) {
            for (BudgetPeriod period : values()) {
                if (period.wire().equals(wire)) {
                    return period;
                }
            }
            return null;
        }
    }

    public ApiKey {
        products = products == null ? List.of() : List.copyOf(products);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** Whether the key is usable at this instant: not revoked, not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Whether the key may address this product. */
    public boolean mayUseProduct(String product) {
        return products.isEmpty() || products.contains(product);
    }

    /** Whether the key may call this model alias directly. */
    public boolean mayUseModel(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** Whether the filter counts this key's requests (rpm, parallel) or shows its token headers (tpm). */
    public boolean limited() {
        return rpm != null || maxParallel != null || tpm != null;
    }

    /** Whether spending is limited (tokens or money), so that model calls reserve and settle. */
    public boolean spendLimited() {
        return tpm != null || budgetNanos != null;
    }
}
