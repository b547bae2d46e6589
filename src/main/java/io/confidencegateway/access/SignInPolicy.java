package io.confidencegateway.access;

import java.time.Instant;
import java.util.Optional;

/**
 * Who may sign in to the console: an active agent or admin key. The refusals are written for the person at the
 * form, and never repeat the key (not even its prefix: a key pasted into the wrong box is still a secret).
 */
public final class SignInPolicy {

    /** The role the console needs; a client key is a support tool's, not a person's. */
    public static final Role REQUIRED = Role.AGENT;

    private SignInPolicy() {
    }

    /** Why this sign-in is refused, or empty when it may proceed; {@code stored} is the key the input names. */
    public static Optional<String> refusal(String input, ApiKey stored, Instant now) {
        if (input == null || input.isBlank()) {
            return Optional.of("Paste your API key to sign in.");
        }
        if (stored == null) {
            return Optional.of("This key is not known to the gateway. Check that you pasted the whole key.");
        }
        if (stored.revokedAt() != null) {
            return Optional.of("This key was revoked. Ask an admin for a new one.");
        }
        if (!stored.activeAt(now)) {
            return Optional.of("This key has expired. Ask an admin for a new one.");
        }
        if (!stored.role().includes(REQUIRED)) {
            return Optional.of("This key has the " + stored.role().wire() + " role, which cannot sign in to the "
                    + "console: use an agent or admin key.");
        }
        return Optional.empty();
    }
}
