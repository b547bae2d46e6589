package io.confidencegateway.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.confidencegateway.store.Ids;
import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.provider.Attempt;
import io.confidencegateway.store.Database;
import io.quarkus.agroal.DataSource;
import io.vertx.core.Vertx;

/**
 * What the gateway promises about stored answers, checked against whichever store the subclass boots: H2 always,
 * PostgreSQL in the {@code postgres} Maven profile. Ids are fresh per test, so data left by earlier runs is harmless.
 */
abstract class InferenceStorageTest {

    private static final Duration STORE_WAIT = Duration.ofSeconds(30);

    @Inject
    Database database;

    @Inject
    InferenceRepository repository;

    @Inject
    InferenceLog log;

    @Inject
    GatewayMetrics metrics;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Inject
    @Any
    Instance<AgroalDataSource> dataSources;

    /** {@code h2} or {@code postgresql}. */
    abstract String expectedKind();

    /** What {@link java.sql.DatabaseMetaData#getDatabaseProductName()} reports for that store. */
    abstract String expectedProductName();

    @Test
    void theConfiguredStoreIsTheOneAnswersAreWrittenTo() {
        assertThat(database.kind()).isEqualTo(expectedKind());
        String product = database.inTransaction(c -> c.getMetaData().getDatabaseProductName());
        assertThat(product).isEqualTo(expectedProductName());
    }

    @Test
    void aBatchOfRecordsReadsBackFieldByField() {
        Instant created = Instant.parse("2024-02-29T23:59:58.123Z");
        var full = new InferenceRecord(Ids.next(), "chat_completions", "gpt-4o-mini", "openai",
                "gpt-4o-mini-2024-07-18", true, "ok", null, null, 200, 12, 345, false, "stop",
                "Grüße, 世界! مرحبا 👋🏽 e\u0301 — \"quoted\" 'single' \\ backslash\nnew line\ttab", 1_234L, 56L, List.of(new Attempt("openai", "gpt-4o-mini", "timeout", "no answer", 1500L), new Attempt("openai", "gpt-4o-mini", "ok", null, 12L)),
                created, created.plusMillis(1_234), Ids.next());
        var allNulls = new InferenceRecord(Ids.next(), "chat_completions", null, null, null, false,
                "error", null, null, 502, null, null, false, null, null, 0L, null, List.of(), created, created, null);
        var failed = new InferenceRecord(Ids.next(), "chat_completions", "claude", "anthropic",
                "claude-3-5-haiku", false, "error", "upstream_timeout", "no answer within 30s (ünïcödé ✓)", 504,
                null, null, true, null, "", Long.MAX_VALUE, 0L, List.of(), Instant.parse("1999-12-31T23:00:00.001Z"),
                Instant.parse("2000-01-01T00:00:00.999Z"), null);
        var longAnswer = new InferenceRecord(Ids.next(), "chat_completions", "local", "ollama", "llama3",
                true, "interrupted", "stream_broken", "connection reset", 200, 0, Integer.MAX_VALUE, true, null,
                "ä long answer. ".repeat(20_000), 999L, null, List.of(), created, created.plusSeconds(3_600), null);
        List<InferenceRecord> batch = List.of(full, allNulls, failed, longAnswer);

        database.inTransaction(c -> {
            repository.insertAll(c, batch);
            return null;
        });

        for (InferenceRecord expected : batch) {
            Optional<InferenceRecord> found = stored(expected.id());
            assertThat(found).as("record %s", expected.id()).isPresent();
            assertThat(found.get()).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @Test
    void timestampsKeepTheirInstantToTheMillisecond() {
        Instant created = Instant.parse("2025-06-30T22:15:07.123456789Z");
        Instant finished = Instant.parse("2025-07-01T01:02:03.987654321Z");
        var record = new InferenceRecord(Ids.next(), "chat_completions", "a", "p", "m", false, "ok", null,
                null, 200, 1, 1, false, "stop", "x", 1L, 1L, List.of(), created, finished, null);

        database.inTransaction(c -> {
            repository.insertAll(c, List.of(record));
            return null;
        });
        InferenceRecord found = stored(record.id()).orElseThrow();

        assertThat(found.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(created.truncatedTo(ChronoUnit.MILLIS));
        assertThat(found.finishedAt().truncatedTo(ChronoUnit.MILLIS))
                .isEqualTo(finished.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void answerTextPostgresCannotHoldIsStoredCleanedOnEveryStore() {
        // Upstream text is arbitrary: PostgreSQL rejects NUL in text, and bounded columns reject over-long values.
        String longReason = "x".repeat(80) + "🙂";
        var record = new InferenceRecord(Ids.next(), "chat_completions", "a", "p", "m", false, "ok", null,
                "error with NUL\u0000 and an emoji cut at the limit " + "🙂".repeat(600), 200, 1, 1, false,
                longReason, "before\u0000after", 1L, null, List.of(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null);

        log.record(record);

        InferenceRecord found = storedSoon(record.id());
        assertThat(found.content()).isEqualTo("before\uFFFDafter");
        assertThat(found.finishReason()).isEqualTo("x".repeat(64));
        assertThat(found.errorMessage()).startsWith("error with NUL\uFFFD and").hasSizeLessThanOrEqualTo(1000)
                .doesNotContain("\uFFFD\uFFFD");
        assertThat(Character.isHighSurrogate(found.errorMessage().charAt(found.errorMessage().length() - 1)))
                .as("no half of a surrogate pair at the cut").isFalse();
    }

    @Test
    void aRecordTheDatabaseRefusesDoesNotHoldUpTheAnswersAfterIt() {
        InferenceRecord original = sample("the first answer with this id");
        database.inTransaction(c -> {
            repository.insertAll(c, List.of(original));
            return null;
        });
        InferenceRecord clash = new InferenceRecord(original.id(), original.api(), original.modelAlias(),
                original.provider(), original.upstreamModel(), false, "ok", null, null, 200, 1, 1, false, "stop",
                "a second answer with the same id", 1L, null, List.of(), original.createdAt(), original.finishedAt(),
                null);
        InferenceRecord next = sample("recorded after the refused one");

        log.record(clash);
        log.record(next);

        assertThat(storedSoon(next.id())).isEqualTo(next);
        assertThat(stored(original.id())).contains(original);
        // The refused record left the queue: the id reads as the stored original, not as the queued clash.
        Awaitility.await().atMost(STORE_WAIT).until(() -> log.find(original.id()).await().atMost(STORE_WAIT),
                found -> found.equals(Optional.of(original)));
    }

    @Test
    void anUnknownIdFindsNothing() {
        UUID unknown = UUID.randomUUID();

        assertThat(stored(unknown)).isEmpty();
        assertThat(log.find(unknown).await().atMost(STORE_WAIT)).isEmpty();
    }

    @Test
    void aRecordedAnswerIsReadableBeforeItsBatchCommits() throws SQLException {
        InferenceRecord record = sample("readable while queued");
        // An uncommitted row with the same id holds the lock the writer needs, so its batch cannot commit yet.
        try (Connection blocker = uncommittedInsertOf(record)) {
            log.record(record);

            assertThat(log.find(record.id()).await().atMost(STORE_WAIT)).contains(record);
            assertThat(stored(record.id())).isEmpty();

            blocker.rollback();
        }
        assertThat(storedSoon(record.id())).isEqualTo(record);
    }

    @Test
    void aRecordedAnswerReachesTheDatabaseWithoutBeingAskedFor() {
        InferenceRecord record = sample("stored by the writer");

        log.record(record);

        assertThat(storedSoon(record.id())).isEqualTo(record);
        assertThat(log.find(record.id()).await().atMost(STORE_WAIT)).contains(record);
    }

    @Test
    void answersRecordedJustBeforeShutdownAreStored() {
        // A log of its own, so that stopping it leaves the application's log running for the other tests.
        var ownLog = new InferenceLog(database, repository, metrics, OWN_CONFIG, vertx);
        List<InferenceRecord> records = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            records.add(sample("answer " + i + " before shutdown"));
        }

        records.forEach(ownLog::record);
        ownLog.stop();

        List<InferenceRecord> stored = database.inTransaction(c -> {
            List<InferenceRecord> found = new ArrayList<>();
            for (InferenceRecord r : records) {
                repository.find(c, r.id()).ifPresent(found::add);
            }
            return found;
        });
        assertThat(stored).containsExactlyElementsOf(records);
    }

    @Test
    void recordsAreStoredByAManagedVertxWorkerNotAThreadOfTheLogsOwn() {
        List<Boolean> onWorker = new CopyOnWriteArrayList<>();
        var watched = new InferenceRepository(json) {
            @Override
            public void insertAll(Connection connection, List<InferenceRecord> records) throws SQLException {
                onWorker.add(io.vertx.core.Context.isOnWorkerThread());
                super.insertAll(connection, records);
            }
        };
        var ownLog = new InferenceLog(database, watched, metrics, OWN_CONFIG, vertx);
        InferenceRecord record = sample("stored by a managed worker");

        ownLog.record(record);

        storedSoon(record.id());
        ownLog.stop();
        assertThat(onWorker).isNotEmpty().containsOnly(true);
    }

    private static final RecordingConfig OWN_CONFIG = new RecordingConfig() {
        @Override
        public int queueSize() {
            return 10_000;
        }

        @Override
        public java.time.Duration durableWait() {
            return java.time.Duration.ofSeconds(5);
        }
    };

    /** The record once the writer has committed it (it runs on its own, a few tens of milliseconds later). */
    private InferenceRecord storedSoon(UUID id) {
        return Awaitility.await().atMost(STORE_WAIT).until(() -> stored(id), Optional::isPresent).orElseThrow();
    }

    private Optional<InferenceRecord> stored(UUID id) {
        return database.inTransaction(c -> repository.find(c, id));
    }

    private Connection uncommittedInsertOf(InferenceRecord record) throws SQLException {
        AgroalDataSource dataSource = "postgresql".equals(expectedKind())
                ? dataSources.select(new DataSource.DataSourceLiteral("postgresql")).get()
                : dataSources.select(Default.Literal.INSTANCE).get();
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        repository.insertAll(connection, List.of(record));
        return connection;
    }

    static InferenceRecord sample(String content) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new InferenceRecord(Ids.next(), "chat_completions", "gpt-4o-mini", "openai", "gpt-4o-mini",
                false, "ok", null, null, 200, 10, 20, false, "stop", content, 42L, null, List.of(), now.minusMillis(42), now,
                null);
    }
}
