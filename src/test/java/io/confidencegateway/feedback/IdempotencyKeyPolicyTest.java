package io.confidencegateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "~", "ticket-4711-sent", "0190e0a8-0000-7000-8000-000000000000", "a b", "!#$%&'*+"})
    void printableAsciiKeysAreAccepted(String key) {
        assertThat(IdempotencyKeyPolicy.problemWith(key)).isEmpty();
    }

    @Test
    void aKeyOfExactlyTheMaximumLengthIsAcceptedAndOneMoreIsNot() {
        assertThat(IdempotencyKeyPolicy.problemWith("k".repeat(200))).isEmpty();
        assertThat(IdempotencyKeyPolicy.problemWith("k".repeat(201))).hasValue(IdempotencyKeyPolicy.RULE
                + "; got 201 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   "})
    void emptyOrBlankKeysAreRefused(String key) {
        assertThat(IdempotencyKeyPolicy.problemWith(key)).hasValue(IdempotencyKeyPolicy.RULE + "; got an empty value");
    }

    @Test
    void controlAndNonAsciiCharactersAreRefusedNamingThePosition() {
        assertThat(IdempotencyKeyPolicy.problemWith("a\tb")).hasValue(IdempotencyKeyPolicy.RULE
                + "; character 2 is not printable ASCII");
        assertThat(IdempotencyKeyPolicy.problemWith("ab\u007f")).hasValue(IdempotencyKeyPolicy.RULE
                + "; character 3 is not printable ASCII");
        assertThat(IdempotencyKeyPolicy.problemWith("kl\u044e\u0447")).hasValue(IdempotencyKeyPolicy.RULE
                + "; character 3 is not printable ASCII");
        assertThat(IdempotencyKeyPolicy.problemWith("\u001fa")).isPresent();
    }

    @Test
    void aSpaceAtEitherEndIsRefusedSoThatTheKeyIsStoredExactlyAsSent() {
        assertThat(IdempotencyKeyPolicy.problemWith(" k")).hasValue(IdempotencyKeyPolicy.RULE
                + "; got a space at the start");
        assertThat(IdempotencyKeyPolicy.problemWith("k ")).hasValue(IdempotencyKeyPolicy.RULE
                + "; got a space at the end");
        assertThat(IdempotencyKeyPolicy.problemWith("a b")).isEmpty();
    }

    @Test
    void theRuleSaysWhatIsAllowed() {
        assertThat(IdempotencyKeyPolicy.RULE).isEqualTo("must be 1 to 200 printable ASCII characters (letters, "
                + "digits, punctuation; not only spaces, no space at the start or end), e.g. a UUID");
    }
}
