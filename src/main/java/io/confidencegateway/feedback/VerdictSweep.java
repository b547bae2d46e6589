package io.confidencegateway.feedback;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.confidencegateway.review.ReviewResolved;
import io.confidencegateway.store.Database;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Makes "a resolved review item has its verdict" hold even when recording it failed: the review queue hands each
 * resolution to {@link ReviewVerdicts} once, after the resolution committed, and a store failure at that moment
 * would otherwise lose the verdict for good. The resolution itself is durable, so the verdict can be derived from
 * it again: at start and then every {@code gateway.feedback.verdict-sweep}, resolved items without a verdict are
 * recorded (recording is idempotent per review item, so replicas sweeping at once store each verdict once).
 */
@ApplicationScoped
public class VerdictSweep {

    private static final Logger LOG = Logger.getLogger(VerdictSweep.class);
    private static final int BATCH = 100;
    // Reads the review queue's table: a verdict is feedback's reading of a resolution, and the review feature
    // cannot know which of its items feedback has counted.
    private static final String UNCOUNTED = """
            SELECT r.id, r.answer_id, r.product, r.resolved_by, r.action, r.final_text, r.resolution_reason,
                r.resolved_at, r.kind
            FROM review_item r
            WHERE r.status = 'resolved'
              AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.review_item_id = r.id)
            ORDER BY r.resolved_at
            LIMIT""" + " " + BATCH;

    private final Database database;
    private final ReviewVerdicts verdicts;
    private final Vertx vertx;
    private final FeedbackConfig config;
    private long timer = -1;

    public VerdictSweep(Database database, ReviewVerdicts verdicts, Vertx vertx, FeedbackConfig config) {
        this.database = database;
        this.verdicts = verdicts;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        sweep().subscribe().with(n -> { }, failure -> LOG.warn("The first verdict sweep failed", failure));
        timer = vertx.setPeriodic(config.verdictSweep().toMillis(), id -> sweep().subscribe().with(n -> { },
                failure -> LOG.warn("A verdict sweep failed; the next one retries", failure)));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Records the verdict of every resolved item that has none yet; the number recorded. */
    public Uni<Integer> sweep() {
        return database.transaction(VerdictSweep::uncounted).onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToUniAndConcatenate(verdicts::record).collect().asList()
                .invoke(recorded -> {
                    if (!recorded.isEmpty()) {
                        LOG.infof("Recorded %d review verdict(s) that were missing", recorded.size());
                    }
                }).map(List::size);
    }

    private static List<ReviewResolved> uncounted(java.sql.Connection connection) throws SQLException {
        var found = new ArrayList<ReviewResolved>();
        try (PreparedStatement select = connection.prepareStatement(UNCOUNTED); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                OffsetDateTime at = row.getObject(8, OffsetDateTime.class);
                found.add(new ReviewResolved(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                        at == null ? null : at.toInstant(), row.getString(9)));
            }
        }
        return found;
    }
}
