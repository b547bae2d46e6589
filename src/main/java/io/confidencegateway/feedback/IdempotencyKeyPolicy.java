package io.confidencegateway.feedback;

import java.util.Optional;

/**
 * What an {@code Idempotency-Key} may be: 1 to {@value #MAX_LENGTH} printable ASCII characters (space to
 * {@code ~}), not only spaces and with no space at either end, like Stripe's keys. A key outside that is refused
 * rather than stored: an empty or blank key would make every retry "the same" request, a huge one would only be
 * cut, control or non-ASCII bytes do not survive HTTP header decoding intact, and a space at an end is one that
 * proxies and clients strip or keep as they please, so {@code " k"} and {@code "k"} would be one key on one path
 * and two on another. The key is stored exactly as sent.
 */
public final class IdempotencyKeyPolicy {

    /** The longest key (the stored column's width). */
    public static final int MAX_LENGTH = 200;

    /** What the caller is told a key may be. */
    public static final String RULE = "must be 1 to " + MAX_LENGTH
            + " printable ASCII characters (letters, digits, punctuation; not only spaces, no space at the start or end),"
            + " e.g. a UUID";

    private IdempotencyKeyPolicy() {
    }

    /** Why the key sent is not acceptable, or empty when it is. */
    public static Optional<String> problemWith(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of(RULE + "; got an empty value");
        }
        if (key.length() > MAX_LENGTH) {
            return Optional.of(RULE + "; got " + key.length() + " characters");
        }
        if (key.charAt(0) == ' ' || key.charAt(key.length() - 1) == ' ') {
            return Optional.of(RULE + "; got a space at the " + (key.charAt(0) == ' ' ? "start" : "end"));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return Optional.of(RULE + "; character " + (i + 1) + " is not printable ASCII");
            }
        }
        return Optional.empty();
    }
}
