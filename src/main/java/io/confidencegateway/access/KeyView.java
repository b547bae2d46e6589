package io.confidencegateway.access;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A key as the admin API shows it. {@code key} is set only in the answer to creation or rotation, the one time
 * the plaintext exists outside the caller; {@code usage} only on {@code GET /v1/keys/{id}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(UUID id, String key, String name, String prefix, String role, List<String> products,
        List<String> models, Integer rpm, Integer tpm, Integer maxParallel, BigDecimal budgetUsd, String budgetPeriod,
        Instant expiresAt, boolean bootstrap, Instant createdAt, Instant revokedAt, Usage usage) {

    /**
     * Current use, shared by every replica: this minute's requests and tokens, requests in flight, and in the budget
     * period that started at {@code period_start} (UTC) the spend settled and the spend reserved by calls in flight.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(long requestsThisMinute, long tokensThisMinute, long inFlight, BigDecimal spendUsd,
            BigDecimal reservedUsd, Instant periodStart) {
    }

    static final BigDecimal NANOS_PER_USD = BigDecimal.valueOf(1_000_000_000L);

    static KeyView of(ApiKey key, String plaintext, Usage usage) {
        return new KeyView(key.id(), plaintext, key.name(), key.prefix(), key.role().wire(),
                key.products().isEmpty() ? null : key.products(), key.models().isEmpty() ? null : key.models(),
                key.rpm(), key.tpm(), key.maxParallel(), usd(key.budgetNanos()),
                key.budgetPeriod() == null ? null : key.budgetPeriod().wire(), key.expiresAt(), key.bootstrap(),
                key.createdAt(), key.revokedAt(), usage);
    }

    static BigDecimal usd(Long nanos) {
        return nanos == null ? null : BigDecimal.valueOf(nanos).divide(NANOS_PER_USD).stripTrailingZeros();
    }
}
