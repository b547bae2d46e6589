package io.confidencegateway.access;

import java.util.Locale;

/**
 * What a key may do. Each role has the rights of the ones before it: an agent can do what a client can, an admin
 * everything.
 */
public enum Role {
    /** Chat completions, models, native answers, scoring; its own answers by id and feedback on them. */
    CLIENT,
    /** A client's rights plus the review queue, any answer by id and feedback on any answer. */
    AGENT,
    /** Everything: products, documents, keys, metrics, reports, the audit log. */
    ADMIN;

    /** Whether a key with this role has the rights of {@code required}. */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    /** The wire name: {@code client}, {@code agent}, {@code admin}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this wire name, or null. */
    public static Role parse(String wire) {
        if (wire == null) {
            return null;
        }
        for (Role role : values()) {
            if (role.wire().equals(wire.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        return null;
    }
}
