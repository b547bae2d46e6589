package io.confidencegateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a gateway key looks like: {@code cg_} and 32 characters of URL-safe base64 (24 random bytes, 192 bits).
 * The gateway keeps only the SHA-256 of a key: a fast hash is enough for secrets with this much entropy (nobody can
 * guess them, so there is nothing to slow down), and it keeps the per-request check to a microsecond. The first
 * {@value #VISIBLE} characters name a key in lists and logs without giving it away.
 */
public final class ApiKeyFormat {

    /** What every gateway key starts with, so that a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "cg_";
    /** How many characters of a key are shown in lists and logs. */
    public static final int VISIBLE = 10;
    static final int RANDOM_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ApiKeyFormat() {
    }

    /** A new random key. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + ENCODER.encodeToString(bytes);
    }

    /** The hex SHA-256 of the key, as stored. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }

    /** The part of the key that may be shown. */
    public static String visible(String key) {
        return key.length() <= VISIBLE ? key : key.substring(0, VISIBLE);
    }

    /**
     * Whether a configured bootstrap key is long enough to stand in for a generated one: at least 32 characters
     * (a key guessed by brute force would give full control of the gateway).
     */
    public static boolean strongEnough(String key) {
        return key != null && key.strip().length() >= 32 && key.strip().equals(key);
    }
}
