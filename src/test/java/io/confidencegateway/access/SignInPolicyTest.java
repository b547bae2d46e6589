package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SignInPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void agentsAndAdminsWithActiveKeysMaySignIn() {
        assertThat(SignInPolicy.refusal("cg_x", AccessPolicyTest.key(Role.AGENT, List.of(), null, null), NOW)).isEmpty();
        assertThat(SignInPolicy.refusal("cg_x", AccessPolicyTest.key(Role.ADMIN, List.of(), null, null), NOW)).isEmpty();
    }

    @Test
    void aClientKeyIsRefusedAndTheRefusalSaysWhichKeysMay() {
        assertThat(SignInPolicy.refusal("cg_x", AccessPolicyTest.key(Role.CLIENT, List.of(), null, null), NOW))
                .hasValue("This key has the client role, which cannot sign in to the console: use an agent or admin "
                        + "key.");
    }

    @Test
    void noInputUnknownRevokedAndExpiredKeysAreRefusedInWordsThatNeverNameTheKey() {
        assertThat(SignInPolicy.refusal("  ", null, NOW)).hasValue("Paste your API key to sign in.");
        assertThat(SignInPolicy.refusal("cg_secret_value", null, NOW)).hasValue(
                "This key is not known to the gateway. Check that you pasted the whole key.");
        assertThat(SignInPolicy.refusal("cg_x", AccessPolicyTest.key(Role.ADMIN, List.of(), null, NOW.minusSeconds(1)),
                NOW)).hasValue("This key was revoked. Ask an admin for a new one.");
        // Expiry is exclusive: at its instant the key is no longer active.
        assertThat(SignInPolicy.refusal("cg_x", AccessPolicyTest.key(Role.ADMIN, List.of(), NOW, null), NOW))
                .hasValue("This key has expired. Ask an admin for a new one.");
        assertThat(SignInPolicy.refusal("cg_x", AccessPolicyTest.key(Role.ADMIN, List.of(), NOW.plusSeconds(1), null),
                NOW)).isEmpty();
    }

    @Test
    void theCsrfTokenIsFixedPerSessionDiffersBetweenSessionsAndIsNotTheSessionId() {
        String one = ConsoleSessions.randomToken();
        String two = ConsoleSessions.randomToken();

        assertThat(ConsoleSessions.csrfToken(one)).isEqualTo(ConsoleSessions.csrfToken(one))
                .isNotEqualTo(ConsoleSessions.csrfToken(two)).isNotEqualTo(one);
        assertThat(ConsoleSessions.csrfMatches(one, ConsoleSessions.csrfToken(one))).isTrue();
        assertThat(ConsoleSessions.csrfMatches(one, ConsoleSessions.csrfToken(two))).isFalse();
        assertThat(ConsoleSessions.csrfMatches(one, "")).isFalse();
        assertThat(ConsoleSessions.csrfMatches(one, null)).isFalse();
    }
}
