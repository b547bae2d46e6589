package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.problem.Problem;

class NewKeyValidatorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static List<String> faults(NewKey request) {
        return NewKeyValidator.faults(request, NOW).stream().map(f -> f.field() + ": " + f.message()).toList();
    }

    private static NewKey key(String name, String role) {
        return new NewKey(name, role, null, null, null, null, null, null, null, null);
    }

    @Test
    void aNameAndARoleAreEnough() {
        assertThat(faults(key("bot", "client"))).isEmpty();
        assertThat(faults(new NewKey("bot", "admin", List.of("a"), List.of("m"), 1, null, 1, null, null,
                NOW.plusSeconds(1)))).isEmpty();
    }

    @Test
    void theNameIsRequiredAndAtMost200Characters() {
        assertThat(faults(key(null, "client"))).containsExactly("name: required: who or what the key is for");
        assertThat(faults(key("x".repeat(200), "client"))).isEmpty();
        assertThat(faults(key("x".repeat(201), "client"))).containsExactly("name: at most 200 characters");
    }

    @Test
    void theRoleMustBeOneOfTheThree() {
        assertThat(faults(key("bot", "owner"))).containsExactly("role: required: client, agent or admin");
        assertThat(faults(key("bot", null))).containsExactly("role: required: client, agent or admin");
    }

    @Test
    void limitsStartAtOne() {
        assertThat(faults(new NewKey("bot", "client", null, null, 0, null, 0, null, null, null)))
                .containsExactly("rpm: a whole number of at least 1", "max_parallel: a whole number of at least 1");
    }

    @Test
    void anEmptyOrCommaListIsRefused() {
        assertThat(faults(new NewKey("bot", "client", List.of(), List.of("a,b"), null, null, null, null, null, null)))
                .containsExactly("products: leave it out for any, or list at least one",
                        "models: each entry a non-empty name without commas");
    }

    @Test
    void aBudgetIsZeroOrMoreDollarsPerDayOrMonth() {
        assertThat(faults(new NewKey("bot", "client", null, null, null, 100, null, BigDecimal.ZERO, "day", null)))
                .isEmpty();
        assertThat(faults(new NewKey("bot", "client", null, null, null, null, null, new BigDecimal("-0.01"), null,
                null))).containsExactly("budget_usd: a number of US dollars from 0 to 1000000000");
        assertThat(faults(new NewKey("bot", "client", null, null, null, null, null, new BigDecimal("1000000000"),
                null, null))).isEmpty();
        assertThat(faults(new NewKey("bot", "client", null, null, null, null, null, new BigDecimal("1000000000.01"),
                null, null))).containsExactly("budget_usd: a number of US dollars from 0 to 1000000000");
        assertThat(faults(new NewKey("bot", "client", null, null, null, null, null, BigDecimal.ONE, "week", null)))
                .containsExactly("budget_period: day or month");
        assertThat(faults(new NewKey("bot", "client", null, null, null, null, null, null, "day", null)))
                .containsExactly("budget_period: only with budget_usd");
        assertThat(faults(new NewKey("bot", "client", null, null, null, 0, null, null, null, null)))
                .containsExactly("tpm: a whole number of at least 1");
    }

    @Test
    void anExpiryMustLieInTheFuture() {
        assertThat(faults(new NewKey("bot", "client", null, null, null, null, null, null, null, NOW)))
                .containsExactly("expires_at: must lie in the future");
    }

    @Test
    void checkThrowsA400ListingEveryField() {
        try {
            NewKeyValidator.check(key(" ", "x"), NOW);
            throw new AssertionError("no problem thrown");
        } catch (io.confidencegateway.problem.ProblemException problem) {
            assertThat(problem.problem().status()).isEqualTo(400);
            assertThat(problem.problem().errors()).extracting(Problem.FieldError::field).containsExactly("name",
                    "role");
        }
    }
}
