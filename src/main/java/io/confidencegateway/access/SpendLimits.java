package io.confidencegateway.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;

/**
 * Tokens per minute and the USD budget per day or month of a key, for every model call (chat completions, streams,
 * product answers and the judge verifier alike: they all go through {@code InferenceService}). Before the call the
 * request's largest possible cost is reserved with one conditional {@code UPDATE … WHERE spend + reserved + max <=
 * budget} on the shared {@code key_usage} row, so concurrent calls on any replica cannot overshoot the budget; after
 * it the actual cost is settled (the reservation replaced by what was spent), on failure the reservation is
 * released. A model without a price costs nothing here and counts its tokens against tpm only.
 */
@ApplicationScoped
public class SpendLimits {

    static final String SPEND = "spend";
    private static final Logger LOG = Logger.getLogger(SpendLimits.class);

    /** What a call holds until it settles; {@link #NONE} for keys without token or budget limits. */
    public record Reservation(UUID keyId, String keyPrefix, Instant periodStart, long reservedNanos,
            AtomicBoolean open) {
        public static final Reservation NONE = new Reservation(null, null, null, 0, new AtomicBoolean());

        Reservation(UUID keyId, String keyPrefix, Instant periodStart, long reservedNanos) {
            this(keyId, keyPrefix, periodStart, reservedNanos, new AtomicBoolean(true));
        }

        boolean none() {
            return keyId == null;
        }
    }

    private final Database database;
    private final UsageLimits usage;

    public SpendLimits(Database database, UsageLimits usage) {
        this.database = database;
        this.usage = usage;
    }

    /**
     * Reserves {@code maxCostNanos} of the key's budget and checks its tokens this minute, or fails with
     * {@link LimitExceeded}. Keys without tpm and budget get {@link Reservation#NONE} without a database call.
     */
    public Uni<Reservation> reserve(ApiKey key, long maxCostNanos) {
        if (key == null || !key.spendLimited()) {
            return Uni.createFrom().item(Reservation.NONE);
        }
        Instant now = Instant.now();
        return database.transaction(connection -> reserve(connection, key, maxCostNanos, now));
    }

    Reservation reserve(Connection connection, ApiKey key, long maxCostNanos, Instant now) throws SQLException {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (key.tpm() != null) {
            usage.ensureRow(connection, key.id(), UsageLimits.MINUTE, minute);
            // A call is let in while the minute's tokens are under tpm; its own tokens count when it settles.
            if (!UsageLimits.increment(connection, "tokens = tokens", "tokens < ?", key.id(), UsageLimits.MINUTE,
                    minute, key.tpm())) {
                throw new LimitExceeded("rate_limit_exceeded", "The key '" + key.prefix() + "…' (" + key.name()
                        + ") used its " + key.tpm() + " tokens this minute (tpm); retry after the Retry-After "
                        + "seconds", ChronoUnit.SECONDS.between(now, minute.plus(1, ChronoUnit.MINUTES)));
            }
        }
        if (key.budgetNanos() == null || maxCostNanos <= 0) {
            return new Reservation(key.id(), key.prefix(), null, 0);
        }
        Instant period = periodStart(key.budgetPeriod(), now);
        usage.ensureRow(connection, key.id(), SPEND, period);
        try (PreparedStatement update = connection.prepareStatement("UPDATE key_usage SET reserved_nanos = "
                + "reserved_nanos + ? WHERE key_id = ? AND window_kind = ? AND window_start = ? AND spend_nanos + "
                + "reserved_nanos + ? <= ?")) {
            update.setLong(1, maxCostNanos);
            update.setObject(2, key.id());
            update.setString(3, SPEND);
            KeyRepository.setInstant(update, 4, period);
            update.setLong(5, maxCostNanos);
            update.setLong(6, key.budgetNanos());
            if (update.executeUpdate() != 1) {
                throw new LimitExceeded("budget_exceeded", "The key '" + key.prefix() + "…' (" + key.name()
                        + ") has too little of its " + KeyView.usd(key.budgetNanos()).toPlainString() + " USD "
                        + "budget per " + key.budgetPeriod().wire() + " left for this request (it may cost up to "
                        + KeyView.usd(maxCostNanos).toPlainString() + " USD); ask for less (max_tokens) or wait for "
                        + "the next " + key.budgetPeriod().wire(),
                        ChronoUnit.SECONDS.between(now, periodEnd(key.budgetPeriod(), period)));
            }
        }
        return new Reservation(key.id(), key.prefix(), period, maxCostNanos);
    }

    /** Replaces the reservation by what the call cost and used; off the event loop, failures logged. */
    public void settle(Reservation reservation, long tokens, long costNanos) {
        // Once: a failure after the settlement must not release the reservation a second time.
        if (reservation.none() || !reservation.open().compareAndSet(true, false)) {
            return;
        }
        Instant now = Instant.now();
        database.transaction(connection -> {
            settle(connection, reservation, tokens, costNanos, now);
            return null;
        }).subscribe().with(ignored -> {
        }, failure -> LOG.errorf("Could not settle the spend of key %s: %s", reservation.keyPrefix(),
                failure.toString()));
    }

    void settle(Connection connection, Reservation reservation, long tokens, long costNanos, Instant now)
            throws SQLException {
        if (tokens > 0) {
            Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
            usage.ensureRow(connection, reservation.keyId(), UsageLimits.MINUTE, minute);
            try (PreparedStatement update = connection.prepareStatement("UPDATE key_usage SET tokens = tokens + ? "
                    + "WHERE key_id = ? AND window_kind = ? AND window_start = ?")) {
                update.setLong(1, tokens);
                update.setObject(2, reservation.keyId());
                update.setString(3, UsageLimits.MINUTE);
                KeyRepository.setInstant(update, 4, minute);
                update.executeUpdate();
            }
        }
        if (reservation.periodStart() != null) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE key_usage SET reserved_nanos = "
                    + "reserved_nanos - ?, spend_nanos = spend_nanos + ? WHERE key_id = ? AND window_kind = ? AND "
                    + "window_start = ?")) {
                update.setLong(1, reservation.reservedNanos());
                update.setLong(2, Math.max(0, costNanos));
                update.setObject(3, reservation.keyId());
                update.setString(4, SPEND);
                KeyRepository.setInstant(update, 5, reservation.periodStart());
                update.executeUpdate();
            }
        }
    }

    /** Gives the reservation back: the call failed before it cost anything known. */
    public void release(Reservation reservation) {
        settle(reservation, 0, 0);
    }

    /** The start (UTC) of the budget window that holds {@code now}. */
    public static Instant periodStart(ApiKey.BudgetPeriod period, Instant now) {
        if (period == ApiKey.BudgetPeriod.DAY) {
            return now.truncatedTo(ChronoUnit.DAYS);
        }
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Instant periodEnd(ApiKey.BudgetPeriod period, Instant start) {
        return period == ApiKey.BudgetPeriod.DAY ? start.plus(1, ChronoUnit.DAYS)
                : start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }
}
