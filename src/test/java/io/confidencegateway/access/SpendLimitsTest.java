package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.DemoKnowledgeReady;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Budgets and tokens per minute: reserved before a model call, settled after it, shared through the database. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class SpendLimitsTest {

    @Inject
    SpendLimits limits;

    @Inject
    Database database;

    @BeforeEach
    void reset() {
        OpenAiUpstreamStub.server().resetAll();
    }

    @Test
    void twentyConcurrentReservationsAgainstABudgetForFiveGetExactlyFive() throws Exception {
        ApiKey key = key(null, 1_000_000L);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SpendLimits.Reservation>> outcomes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                outcomes.add(pool.submit(() -> {
                    try {
                        return database.inTransaction(c -> limits.reserve(c, key, 200_000, Instant.now()));
                    } catch (LimitExceeded refused) {
                        return null;
                    }
                }));
            }
            List<SpendLimits.Reservation> held = new ArrayList<>();
            for (Future<SpendLimits.Reservation> outcome : outcomes) {
                if (outcome.get() != null) {
                    held.add(outcome.get());
                }
            }
            assertThat(held).hasSize(5);
            for (SpendLimits.Reservation reservation : held) {
                database.inTransaction(c -> {
                    limits.settle(c, reservation, 10, 150_000, Instant.now());
                    return null;
                });
            }
            // 750,000 spent, 250,000 left: one more call of at most 200,000 fits, the second does not.
            SpendLimits.Reservation last = database.inTransaction(
                    c -> limits.reserve(c, key, 200_000, Instant.now()));
            assertThat(last.reservedNanos()).isEqualTo(200_000);
            assertThatThrownBy(() -> database.inTransaction(c -> limits.reserve(c, key, 200_000, Instant.now())))
                    .isInstanceOfSatisfying(LimitExceeded.class, refused -> {
                        assertThat(refused.code()).isEqualTo("budget_exceeded");
                        assertThat(refused.getMessage()).contains("of its 0.001 USD budget per month left")
                                .contains("may cost up to 0.0002 USD");
                    });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReservationIsSettledOrReleasedOnlyOnce() {
        ApiKey key = key(null, 1_000L);
        SpendLimits.Reservation first = database.inTransaction(c -> limits.reserve(c, key, 1_000, Instant.now()));
        limits.release(first);
        limits.release(first);
        // Released once: the whole budget is free again, and not more than the whole.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reserves(key, 1_000));
        assertThat(reserves(key, 1_001)).isFalse();
    }

    @Test
    void aKeyOverItsTokensThisMinuteIsRefusedUntilTheNextMinute() {
        ApiKey key = key(100, null);
        SpendLimits.Reservation reservation = database.inTransaction(c -> limits.reserve(c, key, 0, Instant.now()));
        database.inTransaction(c -> {
            limits.settle(c, reservation, 100, 0, Instant.now());
            return null;
        });

        assertThatThrownBy(() -> database.inTransaction(c -> limits.reserve(c, key, 0, Instant.now())))
                .isInstanceOfSatisfying(LimitExceeded.class, refused -> {
                    assertThat(refused.code()).isEqualTo("rate_limit_exceeded");
                    assertThat(refused.getMessage()).contains("used its 100 tokens this minute (tpm)");
                    assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
                });
        SpendLimits.Reservation nextMinute = database.inTransaction(
                c -> limits.reserve(c, key, 0, Instant.now().plusSeconds(60)));
        assertThat(nextMinute.keyId()).isEqualTo(key.id());
    }

    @Test
    void budgetWindowsStartAtUtcMidnightAndOnTheFirstOfTheMonth() {
        Instant now = Instant.parse("2026-12-02T13:45:00Z");

        assertThat(SpendLimits.periodStart(ApiKey.BudgetPeriod.DAY, now)).isEqualTo("2026-12-02T00:00:00Z");
        assertThat(SpendLimits.periodStart(ApiKey.BudgetPeriod.MONTH, now)).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(SpendLimits.periodEnd(ApiKey.BudgetPeriod.MONTH, Instant.parse("2026-12-01T00:00:00Z")))
                .isEqualTo("2027-01-01T00:00:00Z");
        assertThat(SpendLimits.periodEnd(ApiKey.BudgetPeriod.DAY, Instant.parse("2026-12-02T00:00:00Z")))
                .isEqualTo("2026-12-03T00:00:00Z");
    }

    @Test
    void chatCompletionsSpendTheBudgetAndAreRefusedInOpenAisShapeWhenItCannotCoverTheNext() {
        OpenAiUpstreamStub.answer("Refunds take 30 days.", 10, 500);
        JsonNode created = Calls.createKey("{\"name\": \"budgeted\", \"role\": \"client\", \"budget_usd\": 0.001, "
                + "\"budget_period\": \"day\"}");
        String key = created.path("key").asText();
        String id = created.path("id").asText();
        String request = "{\"model\": \"gpt-4o-mini\", \"max_tokens\": 1000, \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"Hello\"}]}";

        // Each call may cost up to ~0.0006 USD (1,000 output tokens at 0.0006/1k) and costs 0.0003015.
        assertThat(Calls.send("POST", "/v1/chat/completions", key, request).statusCode()).isEqualTo(200);
        awaitSettled(id, "0.0003015");
        assertThat(Calls.send("POST", "/v1/chat/completions", key, request).statusCode()).isEqualTo(200);
        awaitSettled(id, "0.000603");
        HttpResponse<String> refused = Calls.send("POST", "/v1/chat/completions", key, request);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = Calls.json(refused).path("error");
        assertThat(error.path("type").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("0.001 USD budget per day");
        // The refused call never reached the upstream: two calls went out.
        assertThat(OpenAiUpstreamStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        OpenAiUpstreamStub.PATH)))).hasSize(2);
    }

    @Test
    void aStreamSettlesWhatItsUsageSays() {
        OpenAiUpstreamStub.stream(List.of("Refunds ", "take ", "30 days."), true, true);
        JsonNode created = Calls.createKey("{\"name\": \"streaming-budget\", \"role\": \"client\", "
                + "\"budget_usd\": 1, \"tpm\": 100000}");
        String request = "{\"model\": \"gpt-4o-mini\", \"stream\": true, \"stream_options\": {\"include_usage\": "
                + "true}, \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}";

        HttpResponse<String> stream = Calls.send("POST", "/v1/chat/completions", created.path("key").asText(),
                request);

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).endsWith("data: [DONE]\n\n");
        assertThat(stream.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100000");
        // The stub reports 12 prompt and 3 completion tokens: 12 * 0.00015/1k + 3 * 0.0006/1k = 0.0000036 USD.
        awaitSettled(created.path("id").asText(), "0.0000036");
        JsonNode usage = Calls.json(Calls.send("GET", "/v1/keys/" + created.path("id").asText(), TestKeys.ADMIN,
                null)).path("usage");
        assertThat(usage.path("tokens_this_minute").asLong()).isEqualTo(15);
    }

    @Test
    void productAnswersAreRefusedWhenTheCallersBudgetCannotCoverTheirModelCall() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);
        String broke = Calls.createKey("{\"name\": \"no-budget\", \"role\": \"client\", \"budget_usd\": 0}")
                .path("key").asText();

        // Native answers: the model call runs after retrieval, off the request's thread.
        HttpResponse<String> answer = Calls.send("POST", "/v1/answers", broke,
                "{\"product\": \"support-copilot\", \"question\": \"How long is the refund window?\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Calls.json(answer).path("detail").asText()).contains("(no-budget) has too little of its 0 USD");
        // The same product through the raw chat route.
        HttpResponse<String> chat = Calls.send("POST", "/v1/chat/completions", broke, Calls.chat(
                "product/support-copilot"));
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(429);
        assertThat(Calls.json(chat).path("error").path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(OpenAiUpstreamStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        OpenAiUpstreamStub.PATH)))).isEmpty();
    }

    @Test
    void aProductAnswerIsChargedToTheCallersKey() {
        DemoKnowledgeReady.await();
        OpenAiUpstreamStub.answer("You can request a full refund within 30 days of purchase [1].", 800, 15);
        JsonNode created = Calls.createKey("{\"name\": \"product-budget\", \"role\": \"client\", "
                + "\"budget_usd\": 1}");

        HttpResponse<String> answer = Calls.send("POST", "/v1/answers", created.path("key").asText(),
                "{\"product\": \"support-copilot\", \"question\": \"How long is the refund window?\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        // gpt-4o (the product's frontier tier): 800 * 0.0025/1k + 15 * 0.01/1k = 0.00215 USD.
        awaitSettled(created.path("id").asText(), "0.00215");
    }

    private static void awaitSettled(String id, String spend) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode usage = Calls.json(Calls.send("GET", "/v1/keys/" + id, TestKeys.ADMIN, null)).path("usage");
            assertThat(usage.path("reserved_usd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(usage.path("spend_usd").decimalValue()).isEqualByComparingTo(new BigDecimal(spend));
        });
    }

    private boolean reserves(ApiKey key, long nanos) {
        try {
            SpendLimits.Reservation held = database.inTransaction(c -> limits.reserve(c, key, nanos, Instant.now()));
            database.inTransaction(c -> {
                limits.settle(c, held, 0, 0, Instant.now());
                return null;
            });
            return true;
        } catch (LimitExceeded refused) {
            return false;
        }
    }

    private static ApiKey key(Integer tpm, Long budgetNanos) {
        return new ApiKey(UUID.randomUUID(), "spend", "cg_spend", "hash-" + UUID.randomUUID(), Role.CLIENT, null,
                null, null, tpm, null, budgetNanos, budgetNanos == null ? null : ApiKey.BudgetPeriod.MONTH, null,
                false, Instant.now(), null);
    }
}
