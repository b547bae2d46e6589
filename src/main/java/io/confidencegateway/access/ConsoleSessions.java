package io.confidencegateway.access;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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
    /** Beyond this many remembered sessions the memory is dropped and rebuilt from reads (bounds a flood of ids). */
    private static final int MAX_REMEMBERED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** What a replica last read about a session id (by hash); {@code keyId} null: no such live session. */
    private record Seen(UUID keyId, Instant expiresAt, long readAtNanos) {
    }

    private final Database database;
    private final SessionRepository sessions;
    private final ConsoleConfig config;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public ConsoleSessions(Database database, SessionRepository sessions, ConsoleConfig config) {
        this.database = database;
        this.sessions = sessions;
        this.config = config;
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
        String hash = ApiKeyFormat.hash(id);
        Seen last = seen.get(hash);
        if (last != null && System.nanoTime() - last.readAtNanos() <= config.sessionRecheck().toNanos()) {
            return Uni.createFrom().item(live(last, Instant.now()));
        }
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
        if (seen.size() >= MAX_REMEMBERED) {
            seen.clear();
        }
        Seen last = new Seen(keyId, expiresAt, System.nanoTime());
        seen.put(hash, last);
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
