package io.confidencegateway.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.confidencegateway.store.Database;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests per minute and parallel requests per key, counted in the database so that every replica shares one
 * count: the minute's requests with a conditional {@code UPDATE … WHERE requests < rpm} on {@code key_usage}; the
 * requests in flight as leases in {@code key_lease}, counted while the key's parallel row is locked, so concurrent
 * admissions on any replica cannot slip past either limit. A refused request counts for nothing. A lease is given
 * back when the response ends or the connection closes, and lapses after {@code gateway.access.parallel-lease}
 * when the replica holding it died first.
 */
@ApplicationScoped
public class UsageLimits {

    /** Answers a refused request (the filter's error rendering). */
    @FunctionalInterface
    interface Denier {
        void deny(RoutingContext context, int status, String title, String code, String detail,
                Map<String, String> headers);
    }

    static final String MINUTE = "minute";
    static final String PARALLEL = "parallel";
    /** The fixed window start of the parallel counter, which has no window. */
    static final Instant NO_WINDOW = Instant.EPOCH;
    private static final Logger LOG = Logger.getLogger(UsageLimits.class);

    /** What an admission found. */
    record Admission(boolean admitted, String refusal, long requestsUsed, long tokensUsed, Instant windowStart,
            UUID lease) {
    }

    /** Thrown inside the transaction so that a refusal rolls back every counter it touched. */
    static final class Refused extends RuntimeException {
        final transient Admission admission;

        Refused(Admission admission) {
            super(admission.refusal(), null, false, false);
            this.admission = admission;
        }
    }

    private final Database database;
    private final java.time.Duration lease;

    public UsageLimits(Database database, AccessConfig config) {
        this.database = database;
        this.lease = config.parallelLease();
    }

    /** Admits the request (then {@code context.next()}) or answers 429; called on the event loop. */
    void admit(RoutingContext context, ApiKey key, Denier denier) {
        Context loop = Vertx.currentContext();
        context.request().pause();
        Instant now = Instant.now();
        database.transaction(connection -> take(connection, key, now))
                .onFailure(Refused.class).recoverWithItem(refused -> ((Refused) refused).admission)
                .subscribe().with(admission -> loop.runOnContext(ignored -> {
                    Map<String, String> headers = headers(key, admission, now);
                    if (!admission.admitted()) {
                        context.request().resume();
                        denier.deny(context, 429, "Too Many Requests", "rate_limit_exceeded", admission.refusal(),
                                headers);
                        return;
                    }
                    headers.forEach(context.response()::putHeader);
                    if (admission.lease() != null) {
                        context.addEndHandler(ended -> release(admission.lease()));
                    }
                    context.request().resume();
                    context.next();
                }), failure -> loop.runOnContext(ignored -> {
                    LOG.errorf("Could not check the limits of key %s: %s", key.prefix(), failure.toString());
                    context.request().resume();
                    denier.deny(context, 503, "Service Unavailable", "limits_unavailable", "The gateway could not "
                            + "check this key's limits (storage unavailable); retry shortly", Map.of("Retry-After",
                            "1"));
                }));
    }

    /** Takes a request (and a parallel slot) from the key's counters, or throws {@link Refused}. */
    Admission take(Connection connection, ApiKey key, Instant now) throws SQLException {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        UUID leased = null;
        if (key.maxParallel() != null) {
            ensureRow(connection, key.id(), PARALLEL, NO_WINDOW);
            // The row lock orders the admissions of this key on every replica until this transaction ends.
            increment(connection, "in_flight = in_flight", "0 < ?", key.id(), PARALLEL, NO_WINDOW, 1);
            if (leases(connection, key.id(), now) >= key.maxParallel()) {
                throw new Refused(new Admission(false, "The key '" + key.prefix() + "…' (" + key.name() + ") has "
                        + key.maxParallel() + " requests in flight, its max_parallel; retry when one has finished",
                        0, 0, minute, null));
            }
            leased = UUID.randomUUID();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO key_lease (id, key_id, expires_at) VALUES (?, ?, ?)")) {
                insert.setObject(1, leased);
                insert.setObject(2, key.id());
                KeyRepository.setInstant(insert, 3, now.plus(lease));
                insert.executeUpdate();
            }
        }
        boolean admitted = true;
        if (key.rpm() != null) {
            ensureRow(connection, key.id(), MINUTE, minute);
            admitted = increment(connection, "requests = requests + 1", "requests < ?", key.id(), MINUTE, minute,
                    key.rpm());
        }
        long[] used = used(connection, key.id(), minute);
        long requests = used[0];
        long tokens = used[1];
        if (key.rpm() != null) {
            if (!admitted) {
                throw new Refused(new Admission(false, "The key '" + key.prefix() + "…' (" + key.name() + ") made "
                        + key.rpm() + " requests this minute, its rpm limit; retry after the Retry-After seconds",
                        requests, tokens, minute, null));
            }
        }
        return new Admission(true, null, requests, tokens, minute, leased);
    }

    /** The key's leases that have not lapsed (lapsed ones are deleted on the way). */
    static long leases(Connection connection, UUID keyId, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM key_lease WHERE key_id = ? AND expires_at <= ?")) {
            delete.setObject(1, keyId);
            KeyRepository.setInstant(delete, 2, now);
            delete.executeUpdate();
        }
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM key_lease WHERE key_id = ? AND expires_at > ?")) {
            count.setObject(1, keyId);
            KeyRepository.setInstant(count, 2, now);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Gives a parallel slot back, off the event loop. */
    void release(UUID lease) {
        database.transaction(connection -> releaseSlot(connection, lease)).subscribe().with(ignored -> {
        }, failure -> LOG.errorf("Could not end the lease %s: %s", lease, failure.toString()));
    }

    static int releaseSlot(Connection connection, UUID lease) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM key_lease WHERE id = ?")) {
            delete.setObject(1, lease);
            return delete.executeUpdate();
        }
    }

    /** The x-ratelimit-* headers OpenAI sends, for the limits this key has. */
    static Map<String, String> headers(ApiKey key, Admission admission, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        long reset = Math.max(1, ChronoUnit.SECONDS.between(now, admission.windowStart().plus(1, ChronoUnit.MINUTES)));
        if (key.rpm() != null) {
            headers.put("x-ratelimit-limit-requests", String.valueOf(key.rpm()));
            headers.put("x-ratelimit-remaining-requests", String.valueOf(Math.max(0,
                    key.rpm() - admission.requestsUsed())));
            headers.put("x-ratelimit-reset-requests", reset + "s");
        }
        if (key.tpm() != null) {
            headers.put("x-ratelimit-limit-tokens", String.valueOf(key.tpm()));
            headers.put("x-ratelimit-remaining-tokens", String.valueOf(Math.max(0,
                    key.tpm() - admission.tokensUsed())));
            headers.put("x-ratelimit-reset-tokens", reset + "s");
        }
        if (!admission.admitted()) {
            headers.put("Retry-After", admission.refusal().contains("max_parallel") ? "1" : String.valueOf(reset));
        }
        return headers;
    }

    /** Creates the counter row if it is missing; a concurrent creator on another replica wins harmlessly. */
    void ensureRow(Connection connection, UUID keyId, String kind, Instant windowStart) throws SQLException {
        boolean postgres = database.kind().equals("postgresql");
        String insert = "INSERT INTO key_usage (key_id, window_kind, window_start, requests, tokens, spend_nanos, "
                + "reserved_nanos, in_flight) VALUES (?, ?, ?, 0, 0, 0, 0, 0)"
                + (postgres ? " ON CONFLICT DO NOTHING" : "");
        if (!postgres && exists(connection, keyId, kind, windowStart)) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setObject(1, keyId);
            statement.setString(2, kind);
            KeyRepository.setInstant(statement, 3, windowStart);
            statement.executeUpdate();
        } catch (SQLException duplicate) {
            // H2: another transaction inserted the row first (a failed statement does not end an H2 transaction).
            if (postgres || !"23505".equals(duplicate.getSQLState())) {
                throw duplicate;
            }
        }
    }

    private static boolean exists(Connection connection, UUID keyId, String kind, Instant windowStart)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM key_usage WHERE key_id = ? AND "
                + "window_kind = ? AND window_start = ?")) {
            select.setObject(1, keyId);
            select.setString(2, kind);
            KeyRepository.setInstant(select, 3, windowStart);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    static boolean increment(Connection connection, String set, String condition, UUID keyId, String kind,
            Instant windowStart, long bound) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE key_usage SET " + set + " WHERE key_id = ? "
                + "AND window_kind = ? AND window_start = ? AND " + condition)) {
            update.setObject(1, keyId);
            update.setString(2, kind);
            KeyRepository.setInstant(update, 3, windowStart);
            update.setLong(4, bound);
            return update.executeUpdate() == 1;
        }
    }

    private static long[] used(Connection connection, UUID keyId, Instant minute) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT requests, tokens FROM key_usage WHERE "
                + "key_id = ? AND window_kind = ? AND window_start = ?")) {
            select.setObject(1, keyId);
            select.setString(2, MINUTE);
            KeyRepository.setInstant(select, 3, minute);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new long[] { row.getLong(1), row.getLong(2) } : new long[] { 0, 0 };
            }
        }
    }
}
