package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.store.Database;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Requests per minute and parallel requests per key, counted in the shared database. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class UsageLimitsTest {

    private static final Instant NOON = Instant.parse("2026-12-02T12:00:10Z");

    @Inject
    UsageLimits limits;

    @Inject
    Database database;

    private final java.util.concurrent.ConcurrentLinkedDeque<UUID> leases = new java.util.concurrent
            .ConcurrentLinkedDeque<>();

    @Test
    void anRpmKeyGetsExactlyItsRequestsAndThenA429WithRetryAfterAndRateLimitHeaders() {
        awayFromTheEndOfAMinute();
        JsonNode created = Calls.createKey("{\"name\": \"rpm-3\", \"role\": \"client\", \"rpm\": 3}");
        String key = created.path("key").asText();

        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = Calls.send("GET", "/v1/models", key, null);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
            remaining.add(ok.headers().firstValue("x-ratelimit-remaining-requests").orElse(null));
        }
        HttpResponse<String> limited = Calls.send("GET", "/v1/models", key, null);

        assertThat(remaining).containsExactly("2", "1", "0");
        assertThat(limited.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(limited.headers().firstValue("x-ratelimit-reset-requests")).hasValue(retryAfter + "s");
        JsonNode error = Calls.json(limited).path("error");
        assertThat(error.path("type").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText()).contains("made 3 requests this minute, its rpm limit");
        HttpResponse<String> usage = Calls.send("GET", "/v1/keys/" + created.path("id").asText(),
                io.confidencegateway.testing.TestKeys.ADMIN, null);
        assertThat(Calls.json(usage).path("usage").path("requests_this_minute").asLong()).isEqualTo(3);
    }

    @Test
    void aLimitedKeyOnAProblemPathGetsAProblemWith429() {
        awayFromTheEndOfAMinute();
        String key = Calls.createKey("{\"name\": \"rpm-1\", \"role\": \"agent\", \"rpm\": 1}").path("key").asText();

        assertThat(Calls.send("GET", "/v1/reviews", key, null).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = Calls.send("GET", "/v1/reviews", key, null);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Calls.json(limited).path("status").asInt()).isEqualTo(429);
    }

    @Test
    void twentyConcurrentAdmissionsAgainstAnRpmOfTenAdmitExactlyTen() throws Exception {
        awayFromTheEndOfAMinute();
        ApiKey key = key(10, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                outcomes.add(pool.submit(admission(key)));
            }
            int admitted = 0;
            for (Future<Boolean> outcome : outcomes) {
                admitted += outcome.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void maxParallelRefusesTheRequestBeyondItUntilASlotIsGivenBack() throws Exception {
        ApiKey key = key(null, 2);

        assertThat(admission(key).call()).isTrue();
        assertThat(admission(key).call()).isTrue();
        UsageLimits.Refused refused = refusal(key);
        assertThat(refused.admission.refusal()).contains("has 2 requests in flight, its max_parallel");
        assertThat(UsageLimits.headers(key, refused.admission, NOON)).containsEntry("Retry-After", "1");

        release(key);
        assertThat(admission(key).call()).isTrue();
    }

    @Test
    void aLeaseOfAReplicaThatDiedLapsesAfterTheLeaseTime() throws Exception {
        ApiKey key = key(null, 1);
        Instant start = Instant.now();
        assertThat(admission(key, () -> start).call()).isTrue();

        // Never given back: one second before it lapses the slot is still taken, one second after it is free.
        assertThat(admission(key, () -> start.plus(Duration.ofMinutes(10)).minusSeconds(1)).call()).isFalse();
        assertThat(admission(key, () -> start.plus(Duration.ofMinutes(10)).plusSeconds(1)).call()).isTrue();
    }

    @Test
    void aRefusedRequestTakesNothingFromTheOtherCounter() throws Exception {
        awayFromTheEndOfAMinute();
        ApiKey key = key(5, 1);
        assertThat(admission(key).call()).isTrue();
        for (int i = 0; i < 3; i++) {
            refusal(key);
        }

        // The three refused (parallel) did not count as requests: four more fit into the rpm of five.
        for (int i = 2; i <= 5; i++) {
            release(key);
            assertThat(admission(key).call()).as("request %d", i).isTrue();
        }
        release(key);
        assertThat(refusal(key).admission.refusal()).contains("its rpm limit");
    }

    @Test
    void theHeadersCountDownToZeroAndResetAtTheNextMinute() {
        ApiKey key = key(10, null);
        var headers = UsageLimits.headers(key, new UsageLimits.Admission(true, null, 10, 0,
                Instant.parse("2026-12-02T12:00:00Z"), null), NOON);

        assertThat(headers).containsEntry("x-ratelimit-limit-requests", "10")
                .containsEntry("x-ratelimit-remaining-requests", "0")
                .containsEntry("x-ratelimit-reset-requests", "50s").doesNotContainKey("Retry-After")
                .doesNotContainKey("x-ratelimit-limit-tokens");
    }

    /** Not in the last seconds of a minute, so that a test's requests share one rpm window. */
    private static void awayFromTheEndOfAMinute() {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 50);
    }

    /** Ends the newest lease an admission of this test took. */
    private void release(ApiKey key) {
        UUID lease = leases.pollLast();
        assertThat(lease).as("a lease to give back").isNotNull();
        int released = database.inTransaction(connection -> UsageLimits.releaseSlot(connection, lease));
        assertThat(released).isEqualTo(1);
    }

    private Callable<Boolean> admission(ApiKey key) {
        return admission(key, Instant::now);
    }

    private Callable<Boolean> admission(ApiKey key, java.util.function.Supplier<Instant> at) {
        return () -> {
            try {
                UsageLimits.Admission admitted = database.inTransaction(connection -> limits.take(connection, key,
                        at.get()));
                if (admitted.lease() != null) {
                    leases.add(admitted.lease());
                }
                return true;
            } catch (UsageLimits.Refused refused) {
                return false;
            }
        };
    }

    private UsageLimits.Refused refusal(ApiKey key) {
        try {
            database.inTransaction(connection -> limits.take(connection, key, Instant.now()));
        } catch (UsageLimits.Refused refused) {
            return refused;
        }
        throw new AssertionError("admitted");
    }

    private static ApiKey key(Integer rpm, Integer maxParallel) {
        return new ApiKey(UUID.randomUUID(), "limits", "cg_limits", "hash-" + UUID.randomUUID(), Role.CLIENT, null,
                null, rpm, null, maxParallel, null, null, null, false, Instant.now(), null);
    }
}
