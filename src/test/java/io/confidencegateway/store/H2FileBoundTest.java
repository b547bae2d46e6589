package io.confidencegateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The H2 file stays proportional to the data in it while the gateway runs with durable commits: 3,000 committed
 * feedback rows (about 1 MB of live data) grew the file to ~15 MB before the online compaction, ~5 KB per commit.
 */
@QuarkusTest
@TestProfile(H2FileBoundTest.FreshDataDir.class)
class H2FileBoundTest {

    /** Its own data directory, so the file holds only what this test writes (and the migrations). */
    public static class FreshDataDir implements QuarkusTestProfile {
        static final String DIR = "./target/test-data-h2-bound-" + ProcessHandle.current().pid();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.data-dir", DIR);
        }
    }

    private static final int WRITES = 3_000;
    // Half of what 3,000 commits grow the file to without compaction (~15-17 MB), with room for a machine so busy
    // that the one-second steps fall behind (6.6 MB seen 20 s after the writes under a full parallel build).
    private static final long BOUND = 8L * 1024 * 1024;

    @Inject
    Database database;

    @Test
    void threeThousandDurableCommitsLeaveAFileOfAFewMegabytesNotFifteen() {
        Path file = Path.of(FreshDataDir.DIR, "gateway.mv.db");
        UUID answer = UUID.randomUUID();
        for (int i = 0; i < WRITES; i++) {
            int n = i;
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO feedback (id, answer_id, "
                        + "product, source, idempotency_key, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, answer);
                    insert.setString(3, "support-copilot");
                    insert.setString(4, "api");
                    insert.setString(5, "key-" + n);
                    insert.setString(6, n % 2 == 0 ? "up" : "down");
                    insert.setString(7, "The refund window is 30 days; the agent confirmed it with the customer. #" + n);
                    insert.setTimestamp(8, new Timestamp(System.currentTimeMillis()));
                    return insert.executeUpdate();
                }
            });
        }
        int stored = database.inTransaction(connection -> {
            try (var count = connection.prepareStatement("SELECT COUNT(*) FROM feedback WHERE answer_id = ?")) {
                count.setObject(1, answer);
                try (var rows = count.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
        assertThat(stored).isEqualTo(WRITES);
        Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(Files.size(file)).as("size of %s in bytes", file).isLessThan(BOUND));
    }
}
