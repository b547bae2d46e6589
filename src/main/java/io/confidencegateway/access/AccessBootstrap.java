package io.confidencegateway.access;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.confidencegateway.store.Database;
import io.confidencegateway.store.OwnerOnly;
import io.confidencegateway.store.StoreConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Makes sure an admin can get in, and keeps the key table fresh. On start: a configured {@code GATEWAY_ADMIN_KEY}
 * is stored (as its hash) as the bootstrap admin key, replacing an older bootstrap key; with none configured and
 * no key stored at all, one admin key is generated, logged once and written to {@code <data-dir>/admin-key}
 * (owner-only). There is no open mode: every route but health and the API document needs a key, on any address.
 */
@ApplicationScoped
public class AccessBootstrap {

    /** The file under the data directory that holds a generated first admin key. */
    public static final String KEY_FILE = "admin-key";
    private static final Logger LOG = Logger.getLogger(AccessBootstrap.class);

    private final AccessConfig config;
    private final Database database;
    private final KeyRepository keys;
    private final KeyTable table;
    private final Path dataDir;
    private long timer = -1;

    public AccessBootstrap(AccessConfig config, Database database, KeyRepository keys, KeyTable table,
            StoreConfig store) {
        this.config = config;
        this.database = database;
        this.keys = keys;
        this.table = table;
        this.dataDir = Path.of(store.dataDir());
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        Optional<String> configured = config.adminKey().map(String::strip).filter(key -> !key.isEmpty());
        if (configured.isPresent() && !ApiKeyFormat.strongEnough(configured.get())) {
            throw new IllegalStateException("GATEWAY_ADMIN_KEY (gateway.access.admin-key) is shorter than 32 "
                    + "characters; use a long random value, e.g. the output of: openssl rand -base64 32");
        }
        database.inTransaction(connection -> {
            if (configured.isPresent()) {
                storeConfigured(connection, configured.get());
            } else if (keys.count(connection) == 0) {
                generateFirst(connection);
            }
            return null;
        });
        table.reload();
        long every = Math.max(100, config.refresh().toMillis());
        timer = vertx.setPeriodic(every, tick -> vertx.executeBlocking(() -> {
            table.reload();
            return null;
        }, false));
    }

    void stop(@Observes ShutdownEvent stopping, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void storeConfigured(java.sql.Connection connection, String key) throws java.sql.SQLException {
        String hash = ApiKeyFormat.hash(key);
        Optional<ApiKey> existing = keys.bootstrapKey(connection);
        if (existing.isPresent() && existing.get().hash().equals(hash)) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (existing.isPresent()) {
            keys.revoke(connection, existing.get().id(), now);
            LOG.infof("GATEWAY_ADMIN_KEY changed: the previous bootstrap key %s is revoked", existing.get().prefix());
        }
        boolean known = keys.all(connection).stream().anyMatch(stored -> stored.hash().equals(hash));
        if (!known) {
            keys.insert(connection, admin("bootstrap", key, now));
            LOG.infof("Admin key %s from GATEWAY_ADMIN_KEY stored (as its hash)", ApiKeyFormat.visible(key));
        }
    }

    private void generateFirst(java.sql.Connection connection) throws java.sql.SQLException {
        String key = ApiKeyFormat.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        keys.insert(connection, admin("first-admin", key, now));
        Path file = dataDir.resolve(KEY_FILE);
        OwnerOnly.writeSecret(file, key);
        // Printed once, on the start that created it; afterwards only the owner-only file holds it.
        LOG.infof("No API key existed: created the admin key %s%n    %s%n  (also in %s, readable by its owner only). "
                + "Send it as 'Authorization: Bearer <key>'; create other keys with POST /v1/keys.",
                ApiKeyFormat.visible(key), key, file.toAbsolutePath());
    }

    private static ApiKey admin(String name, String key, Instant now) {
        return new ApiKey(UUID.randomUUID(), name, ApiKeyFormat.visible(key), ApiKeyFormat.hash(key), Role.ADMIN,
                null, null, null, null, null, null, null, null, true, now, null);
    }
}
