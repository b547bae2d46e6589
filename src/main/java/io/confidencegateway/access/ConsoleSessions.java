package io.confidencegateway.access;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;

/**
 * Console sign-in sessions. The id (256 random bits) is only in the browser's HttpOnly cookie; the database keeps
 * its SHA-256 in {@code console_session}, one row per session, so every replica on the database knows it (sign in
 * on one, call another) and deleting the row signs out everywhere. A row rather than a signed stateless cookie: a
 * stateless cookie cannot be ended before it expires without a deny-list in the database anyway, and the row costs
 * one read per {@link ConsoleConfig#sessionRecheck()} per replica, since each replica keeps what it last read for
 * that long. The session's rights are its key's, looked up in {@link KeyTable} on every request, so revoking the key
 * ends its sessions within {@code gateway.access.refresh}.
 *
 * <p>The CSRF token of a session is an HMAC of a fixed label under the session id: derived, so nothing more is
 * stored, and unforgeable without the id, which script cannot read from the HttpOnly cookie.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** The session cookie's name. */
    public static final String COOKIE = "cg_session";
    /** The header a cookie-authenticated state-changing request must carry. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = Logger.getLogger(ConsoleSessions.class);
    private static final int ID_BYTES = 32;
    /** Live sessions remembered at most; beyond, the least recently used is read again when it next comes. */
    private static final int MAX_REMEMBERED = 10_000;
    /**
     * Ids found to be no live session, remembered apart from the live ones so that a flood of well-formed random
     * ids evicts only its own kind, never a signed-in browser's entry.
     */
    private static final int MAX_ABSENT = 1_000;
    /** What {@link #start} hands out: {@value #ID_BYTES} bytes in unpadded base64url, 43 characters. */
    private static final Pattern ID_FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** What a replica last read about a session id (by hash); {@code keyId} null: no such live session. */
    private record Seen(UUID keyId, Instant expiresAt, long readAtNanos) {
    }

    private final Database database;
    private final SessionRepository sessions;
    private final ConsoleConfig config;
    private final Map<String, Seen> known = lru(MAX_REMEMBERED);
    private final Map<String, Seen> absent = lru(MAX_ABSENT);
    private final GatewayMetrics metrics;

    public ConsoleSessions(Database database, SessionRepository sessions, ConsoleConfig config,
            GatewayMetrics metrics) {
        this.database = database;
        this.sessions = sessions;
        this.config = config;
        this.metrics = metrics;
    }

    /** An access-ordered map that drops its least recently used entry beyond {@code max}. */
    private static Map<String, Seen> lru(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > max;
            }
        });
    }

    /** Whether {@code id} has the shape {@link #start} gives ids; anything else cannot be a session. */
    static boolean wellFormed(String id) {
        return id != null && ID_FORMAT.matcher(id).matches();
    }

    /** Opens a session for the key and returns its id (for the cookie); blocking, call it from a worker thread. */
    public String start(ApiKey key) {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        String id = ENCODER.encodeToString(bytes);
        Instant now = Instant.now();
        Instant expires = now.plus(config.sessionLifetime());
        database.inTransaction(connection -> {
            sessions.deleteExpired(connection, now);
            sessions.insert(connection, ApiKeyFormat.hash(id), key.id(), now, expires);
            return null;
        });
        remember(ApiKeyFormat.hash(id), key.id(), expires);
        LOG.infof("Console session opened for key %s (%s)", key.prefix(), key.name());
        return id;
    }

    /** Ends the session on every replica (each forgets it within the recheck interval); blocking. */
    public void end(String id) {
        String hash = ApiKeyFormat.hash(id);
        database.inTransaction(connection -> sessions.delete(connection, hash));
        remember(hash, null, null);
    }

    /**
     * The key a live session speaks for, empty when there is none (never opened, signed out, expired): from memory
     * when this replica read it within the recheck interval, otherwise read again on a worker thread.
     */
    public Uni<Optional<UUID>> keyOf(String id) {
        if (!wellFormed(id)) {
            // Not an id this gateway ever made: no read, and nothing remembered (it would only push out others).
            return Uni.createFrom().item(Optional.empty());
        }
        String hash = ApiKeyFormat.hash(id);
        Seen last = known.get(hash);
        if (last == null) {
            last = absent.get(hash);
        }
        if (last != null && System.nanoTime() - last.readAtNanos() <= config.sessionRecheck().toNanos()) {
            return Uni.createFrom().item(live(last, Instant.now()));
        }
        metrics.countSessionRead();
        return database.transaction(connection -> sessions.find(connection, hash)).map(found -> live(
                remember(hash, found.map(SessionRepository.StoredSession::keyId).orElse(null),
                        found.map(SessionRepository.StoredSession::expiresAt).orElse(null)), Instant.now()));
    }

    private static Optional<UUID> live(Seen last, Instant now) {
        if (last.keyId() == null || !now.isBefore(last.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(last.keyId());
    }

    private Seen remember(String hash, UUID keyId, Instant expiresAt) {
        Seen last = new Seen(keyId, expiresAt, System.nanoTime());
        if (keyId == null) {
            known.remove(hash);
            absent.put(hash, last);
        } else {
            absent.remove(hash);
            known.put(hash, last);
        }
        return last;
    }

    /** The CSRF token of a session (what the console's pages put in {@code <meta name="csrf-token">}). */
    public static String csrfToken(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionId.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal("console-csrf".getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", impossible);
        }
    }

    /** Whether {@code sent} is the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(String sessionId, String sent) {
        if (sent == null || sent.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(sessionId).getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh random token (the sign-in form's double-submit CSRF cookie). */
    public static String randomToken() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
