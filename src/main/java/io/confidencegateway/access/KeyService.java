package io.confidencegateway.access;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;

/** Creating, listing, revoking and rotating keys; the plaintext leaves only in the answer to create and rotate. */
@ApplicationScoped
public class KeyService {

    private static final Logger LOG = Logger.getLogger(KeyService.class);

    private final Database database;
    private final KeyRepository keys;
    private final KeyTable table;

    public KeyService(Database database, KeyRepository keys, KeyTable table) {
        this.database = database;
        this.keys = keys;
        this.table = table;
    }

    public Uni<KeyView> create(NewKey request) {
        Instant now = Instant.now();
        NewKeyValidator.check(request, now);
        String plaintext = ApiKeyFormat.generate();
        ApiKey key = new ApiKey(UUID.randomUUID(), request.name().strip(), ApiKeyFormat.visible(plaintext),
                ApiKeyFormat.hash(plaintext), Role.parse(request.role()), request.products(), request.models(),
                request.rpm(), request.tpm(), request.maxParallel(), nanos(request.budgetUsd()),
                request.budgetUsd() == null ? null : request.budgetPeriod() == null ? ApiKey.BudgetPeriod.MONTH
                        : ApiKey.BudgetPeriod.parse(request.budgetPeriod()),
                request.expiresAt(), false, now.truncatedTo(ChronoUnit.MICROS), null);
        return store(key, plaintext);
    }

    public Uni<List<KeyView>> list() {
        return database.transaction(keys::all).map(all -> all.stream().map(key -> KeyView.of(key, null, null))
                .toList());
    }

    public Uni<KeyView> get(UUID id) {
        return database.transaction(connection -> {
            ApiKey key = keys.find(connection, id).orElseThrow(() -> notFound(id));
            return KeyView.of(key, null, usage(connection, key, Instant.now()));
        });
    }

    /** Revokes the key on this replica at once and on the others at their next refresh. */
    public Uni<Void> revoke(UUID id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return database.transaction(connection -> {
            ApiKey key = keys.find(connection, id).orElseThrow(() -> notFound(id));
            keys.revoke(connection, id, now);
            return key;
        }).invoke(key -> {
            if (key.revokedAt() == null) {
                table.put(withRevocation(key, now));
                LOG.infof("API key %s (%s) revoked", key.prefix(), key.name());
            }
        }).replaceWithVoid();
    }

    /**
     * A new key with the same name, role, scope and limits; the old one is revoked in the same transaction. The new
     * key names the old one ({@code rotated_from}), so that what the old key created (its answers) stays its own.
     */
    public Uni<KeyView> rotate(UUID id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String plaintext = ApiKeyFormat.generate();
        return database.transaction(connection -> {
            ApiKey old = keys.find(connection, id).orElseThrow(() -> notFound(id));
            if (old.revokedAt() != null) {
                throw ProblemException.notFound("The key " + id + " is revoked; create a new one with POST /v1/keys");
            }
            ApiKey fresh = new ApiKey(UUID.randomUUID(), old.name(), ApiKeyFormat.visible(plaintext),
                    ApiKeyFormat.hash(plaintext), old.role(), old.products(), old.models(), old.rpm(), old.tpm(),
                    old.maxParallel(), old.budgetNanos(), old.budgetPeriod(), old.expiresAt(), false, now, null,
                    old.id());
            keys.revoke(connection, id, now);
            keys.insert(connection, fresh);
            table.put(withRevocation(old, now));
            return fresh;
        }).invoke(table::put).map(fresh -> KeyView.of(fresh, plaintext, null));
    }

    private Uni<KeyView> store(ApiKey key, String plaintext) {
        return database.transaction(connection -> {
            keys.insert(connection, key);
            return key;
        }).invoke(stored -> {
            table.put(stored);
            LOG.infof("API key %s (%s, %s) created", stored.prefix(), stored.name(), stored.role().wire());
        }).map(stored -> KeyView.of(stored, plaintext, null));
    }

    private static ApiKey withRevocation(ApiKey key, Instant at) {
        return new ApiKey(key.id(), key.name(), key.prefix(), key.hash(), key.role(), key.products(), key.models(),
                key.rpm(), key.tpm(), key.maxParallel(), key.budgetNanos(), key.budgetPeriod(), key.expiresAt(),
                key.bootstrap(), key.createdAt(), at, key.rotatedFrom());
    }

    private static KeyView.Usage usage(Connection connection, ApiKey key, Instant now) throws SQLException {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant period = SpendLimits.periodStart(key.budgetPeriod(), now);
        long[] found = new long[5];
        try (PreparedStatement select = connection.prepareStatement("SELECT window_kind, window_start, requests, "
                + "tokens, spend_nanos, reserved_nanos, in_flight FROM key_usage WHERE key_id = ?")) {
            select.setObject(1, key.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String kind = rows.getString(1);
                    Instant start = KeyRepository.instant(rows, 2);
                    if (kind.equals(UsageLimits.MINUTE) && start.equals(minute)) {
                        found[0] = rows.getLong(3);
                        found[1] = rows.getLong(4);
                    } else if (kind.equals(SpendLimits.SPEND) && start.equals(period)) {
                        found[3] = rows.getLong(5);
                        found[4] = rows.getLong(6);
                    }
                }
            }
        }
        found[2] = UsageLimits.leases(connection, key.id(), now);
        return new KeyView.Usage(found[0], found[1], found[2], KeyView.usd(found[3]), KeyView.usd(found[4]),
                period);
    }

    static Long nanos(BigDecimal usd) {
        return usd == null ? null : usd.multiply(KeyView.NANOS_PER_USD).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("There is no key " + id + "; GET /v1/keys lists them");
    }
}
