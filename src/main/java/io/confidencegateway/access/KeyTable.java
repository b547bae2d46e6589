package io.confidencegateway.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.confidencegateway.store.Database;

/**
 * Every key, by hash, in memory: the per-request check is a SHA-256 and a map lookup, no database round trip. Each
 * replica reloads the whole table every {@code gateway.access.refresh} (keys are few), so a key created or revoked
 * on another replica is seen here within that time; changes made on this replica apply at once.
 */
@ApplicationScoped
public class KeyTable {

    private static final Logger LOG = Logger.getLogger(KeyTable.class);

    private final Database database;
    private final KeyRepository keys;
    private volatile Map<String, ApiKey> byHash = Map.of();
    /** Changes made here, with when: a reload that read the table before one of them must not undo it. */
    private final Map<UUID, Change> local = new ConcurrentHashMap<>();

    private record Change(ApiKey key, long atNanos) {
    }

    public KeyTable(Database database, KeyRepository keys) {
        this.database = database;
        this.keys = keys;
    }

    /** The stored key with this plaintext, if any (revoked and expired ones included). */
    public ApiKey lookup(String plaintext) {
        return byHash.get(ApiKeyFormat.hash(plaintext));
    }

    /** Reloads from the database; blocking, call it from a worker thread. */
    public void reload() {
        long started = System.nanoTime();
        try {
            List<ApiKey> all = database.inTransaction(keys::all);
            Map<String, ApiKey> fresh = new ConcurrentHashMap<>();
            all.forEach(key -> fresh.put(key.hash(), key));
            synchronized (this) {
                // A change committed and applied here while the table was being read may be missing from the read;
                // one applied before the read began was committed before it, so the read has it.
                local.values().removeIf(change -> change.atNanos() - started < 0);
                local.values().forEach(change -> apply(fresh, change.key()));
                byHash = fresh;
            }
        } catch (RuntimeException failure) {
            // Keep serving from the last table; the next refresh tries again.
            LOG.warnf("Could not reload the API keys (%s); using the table loaded before", failure.toString());
        }
    }

    /** Applies a change made on this replica at once. */
    public synchronized void put(ApiKey key) {
        local.put(key.id(), new Change(key, System.nanoTime()));
        Map<String, ApiKey> copy = new ConcurrentHashMap<>(byHash);
        apply(copy, key);
        byHash = copy;
    }

    private static void apply(Map<String, ApiKey> table, ApiKey key) {
        table.values().removeIf(existing -> existing.id().equals(key.id()));
        table.put(key.hash(), key);
    }

    public Optional<ApiKey> byId(UUID id) {
        return byHash.values().stream().filter(key -> key.id().equals(id)).findFirst();
    }
}
