package io.confidencegateway.review;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.store.Database;
import io.confidencegateway.store.Ids;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Webhook deliveries that survive a restart and are sent by whichever replica is alive. {@link #add} stores an event
 * in the caller's transaction (so it exists exactly when what it announces is committed); every replica then claims
 * due rows, POSTs them ({@link WebhookSender}) and records each attempt: delivered, retried later as
 * {@link WebhookRetryPolicy} says, or given up (counted as {@code failed} and logged). A replica that dies holding a
 * claim leaves it to the others once the claim's lease ends. Delivery is at least once: a receiver may see an
 * event twice (a replica died after the receiver answered, or a lease ran out mid-call) and deduplicates on its id.
 */
@ApplicationScoped
public class WebhookOutbox {

    private static final Logger LOG = Logger.getLogger(WebhookOutbox.class);
    /** Most deliveries claimed per pass (fewer when fewer send slots are free); a full one is followed by another. */
    static final int BATCH = 20;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    /** This process as a claimer. */
    static final String CLAIMER = UUID.randomUUID().toString();

    private final Database database;
    private final WebhookOutboxRepository repository;
    private final WebhookSender sender;
    private final WebhookRetryPolicy policy;
    private final WebhookSendPolicy sending;
    /** Sends started and not yet recorded, plus slots reserved by a claim under way. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final WebhookOutboxConfig config;
    private final GatewayMetrics metrics;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Executor workers = Infrastructure.getDefaultWorkerPool();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile long timer = -1;
    private volatile Instant lastPurge = Instant.EPOCH;

    public WebhookOutbox(Database database, WebhookOutboxRepository repository, WebhookSender sender,
            WebhookOutboxConfig config, ReviewConfig review, GatewayMetrics metrics, ObjectMapper json, Vertx vertx) {
        this.database = database;
        this.repository = repository;
        this.sender = sender;
        this.config = config;
        this.policy = new WebhookRetryPolicy(config.maxAttempts(), config.firstRetryWait(), config.retryMultiplier(),
                config.maxRetryWait());
        this.sending = new WebhookSendPolicy(config.maxInFlight(), review.review().webhookTimeout(),
                config.claimLease());
        this.metrics = metrics;
        this.json = json;
        this.vertx = vertx;
    }

    /**
     * Stores the event for the item's product webhook on the caller's connection, inside its transaction; false when
     * the product has no webhook (nothing stored). Call {@link #kick()} after the commit to send it at once.
     */
    public boolean add(Connection connection, String type, ReviewItem item) throws SQLException {
        if (!sender.hooked(item.product())) {
            return false;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var event = new WebhookEvent(type, Ids.next(), now, item);
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("webhook event " + type + " for review item " + item.id()
                    + " could not be encoded", impossible);
        }
        repository.insert(connection, event.id(), item.product(), type, body, now);
        return true;
    }

    /** Sends what is due now, on a worker, without waiting for the next poll; returns at once. */
    public void kick() {
        poll();
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(Math.max(50, config.pollInterval().toMillis()), id -> poll());
    }

    void stop(@Observes ShutdownEvent stopped) {
        // Deliveries claimed and in flight finish if the process lives long enough; otherwise their lease runs
        // out and another replica (or this one after its restart) sends them.
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * One pass at a time; a request for another while one runs makes that one go round again. A pass claims only
     * as many deliveries as there are free send slots and stops when none are left: each finished send asks for a
     * pass, so a backlog is worked off as fast as the receivers answer and never claimed ahead of that.
     */
    private void poll() {
        if (stopping) {
            return;
        }
        again.set(true);
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        workers.execute(() -> {
            try {
                while (again.getAndSet(false) && !stopping) {
                    int wanted = sending.toClaim(BATCH, inFlight.get());
                    if (wanted == 0) {
                        break;
                    }
                    if (claimAndSend(wanted) == wanted) {
                        again.set(true);
                    }
                }
                purge();
            } catch (RuntimeException failure) {
                LOG.warn("Looking for due webhook deliveries failed; trying again at the next poll", failure);
            } finally {
                polling.set(false);
            }
            // A send that finished after the loop's last look asked for a pass this one could not take.
            if (again.get() && !stopping) {
                poll();
            }
        });
    }

    /** Claims up to {@code limit} due deliveries and starts sending them; how many were claimed. Blocking. */
    int claimAndSend(int limit) {
        // The slots are taken before the claim, so sends finishing meanwhile cannot make a pass claim more.
        inFlight.addAndGet(limit);
        List<WebhookOutboxRepository.Due> due;
        Instant until;
        try {
            Instant now = Instant.now();
            until = now.plus(config.claimLease());
            boolean skipLocked = "postgresql".equals(database.kind());
            due = database.inTransaction(c -> repository.claim(c, CLAIMER, now, until, limit, null, skipLocked));
        } catch (RuntimeException failure) {
            inFlight.addAndGet(-limit);
            throw failure;
        }
        inFlight.addAndGet(due.size() - limit);
        due.forEach(d -> send(d, until));
        return due.size();
    }

    /** How many sends this replica has under way (claimed and not yet recorded). */
    int inFlight() {
        return inFlight.get();
    }

    private void send(WebhookOutboxRepository.Due due, Instant claimedUntil) {
        if (!sending.sendable(Instant.now(), claimedUntil)) {
            // Too late to finish before the claim runs out: whoever claims it next sends it, not both of us.
            LOG.debugf("Webhook %s not sent: its claim ends before a send could", due.id());
            inFlight.decrementAndGet();
            return;
        }
        sender.post(due.product(), due.type(), due.id(), due.body()).onComplete(done -> workers.execute(() -> {
            try {
                record(due, done.succeeded() ? done.result() : 0);
            } finally {
                // Freed only once recorded, so the next pass cannot claim the same row while it is still ours.
                inFlight.decrementAndGet();
                poll();
            }
        }));
    }

    private void record(WebhookOutboxRepository.Due due, int status) {
        int attempt = due.attempts() + 1;
        Instant now = Instant.now();
        WebhookRetryPolicy.Outcome outcome = policy.after(attempt, status, now);
        String state;
        Instant next = null;
        String error;
        if (outcome instanceof WebhookRetryPolicy.Retry retry) {
            state = WebhookOutboxRepository.PENDING;
            next = retry.at();
            error = describe(status);
        } else if (outcome instanceof WebhookRetryPolicy.GiveUp giveUp) {
            state = WebhookOutboxRepository.FAILED;
            error = giveUp.why();
        } else {
            state = WebhookOutboxRepository.DELIVERED;
            error = null;
        }
        Instant at = next;
        try {
            if (!database.inTransaction(c -> repository.record(c, due.id(), CLAIMER, state, at, error, now))) {
                LOG.debugf("Webhook %s was taken over by another replica while this one sent it", due.id());
                return;
            }
        } catch (RuntimeException failure) {
            // The claim stays until its lease ends; then this attempt is made again (the receiver may see it twice).
            LOG.warnf(failure, "The attempt at webhook %s could not be recorded", due.id());
            return;
        }
        if (outcome instanceof WebhookRetryPolicy.Retry) {
            metrics.countWebhookDelivery(due.product(), due.type(), "retried");
            LOG.debugf("Webhook %s for %s failed (%s); attempt %d at %s", due.id(), due.product(), error,
                    attempt + 1, at);
            // A wait shorter than the poll interval should not last a whole interval.
            long wait = Duration.between(Instant.now(), at).toMillis();
            if (wait < config.pollInterval().toMillis() && !stopping) {
                vertx.setTimer(Math.max(1, wait), id -> poll());
            }
        } else if (outcome instanceof WebhookRetryPolicy.GiveUp) {
            metrics.countWebhookDelivery(due.product(), due.type(), "failed");
            LOG.warnf("Webhook %s (%s) for product %s given up: %s", due.id(), due.type(), due.product(), error);
        } else {
            metrics.countWebhookDelivery(due.product(), due.type(), "delivered");
        }
    }

    private void purge() {
        Instant now = Instant.now();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        database.inTransaction(c -> repository.purgeFinishedBefore(c, now.minus(config.retention())));
    }

    private static String describe(int status) {
        return status == 0 ? "no response" : "HTTP " + status;
    }
}
