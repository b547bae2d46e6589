package io.confidencegateway.review;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.store.Ids;
import io.confidencegateway.store.Database;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The human review queue: answers an agent must check and questions handed to a person. Every write is committed
 * before its {@code Uni} completes. Claims and resolutions are decided by the database (one conditional UPDATE
 * each), so concurrent reviewers get exactly one winner. After a resolution commits, every
 * {@link ResolutionRecorder} stores what it means (the feedback verdict) before the call answers, then
 * {@link ReviewResolved} is fired (to synchronous and asynchronous observers) and the product's webhook event is
 * sent; none of them can undo the resolution. Webhook events are stored in the {@link WebhookOutbox} in the same
 * transaction as the item or resolution they announce, so each is sent at least once by whichever replica is alive.
 */
@ApplicationScoped
public class ReviewQueue {

    private static final Logger LOG = Logger.getLogger(ReviewQueue.class);
    private static final Set<String> STATUSES = Set.of(ReviewItem.PENDING, ReviewItem.CLAIMED, ReviewItem.RESOLVED);
    private static final Set<String> ACTIONS = Set.of("approve", "edit", "reject");
    private static final int MAX_PAGE_SIZE = 100;
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final Database database;
    private final ReviewRepository repository;
    private final ReviewConfig config;
    private final ReviewClock clock;
    private final Event<ReviewResolved> resolved;
    private final WebhookOutbox webhooks;
    private final ReviewQueueGauges gauges;
    private final List<ResolutionRecorder> recorders;

    public ReviewQueue(Database database, ReviewRepository repository, ReviewConfig config, ReviewClock clock,
            Event<ReviewResolved> resolved, WebhookOutbox webhooks, ReviewQueueGauges gauges,
            @All List<ResolutionRecorder> recorders) {
        this.database = database;
        this.repository = repository;
        this.config = config;
        this.clock = clock;
        this.resolved = resolved;
        this.webhooks = webhooks;
        this.gauges = gauges;
        this.recorders = recorders;
    }

    /**
     * Queues an item and returns its ticket once it is stored. A {@code handoff} item is also sent to the product's
     * webhook, without waiting for it.
     */
    public Uni<Ticket> enqueue(NewItem item) {
        return enqueue(item, ticket -> connection -> ticket);
    }

    /**
     * Queues the item and, in the same transaction, runs the work the ticket leads to (the answer pipeline stores the
     * answer that carries it): one commit for both, so neither exists without the other. Observers (gauges, the
     * hand-off webhook) hear of it after the commit.
     */
    public <T> Uni<T> enqueue(NewItem item, Function<Ticket, Database.Work<T>> alongside) {
        UUID id = Ids.next();
        Instant now = now();
        // Commit and announcement in one task on a worker: a caller that goes away while the transaction runs
        // (a stream client disconnecting) cancels nothing once it has started, so a committed hand-off always gets
        // the gauges (its webhook event is in the same commit anyway).
        return Uni.createFrom().item(() -> {
            T result = database.inTransaction(connection -> {
                repository.insert(connection, id, item, now);
                Integer position = NewItem.HANDOFF.equals(item.kind()) ? repository.position(connection, id, now)
                        : null;
                var ticket = new Ticket(id, position, config.review().handoffMessage().replace("{ticket}",
                        id.toString()));
                T done = alongside.apply(ticket).run(connection);
                // The hand-off's webhook event commits with the item: it is sent, at least once, exactly if the
                // item exists.
                if (NewItem.HANDOFF.equals(item.kind())) {
                    webhooks.add(connection, WebhookEvent.HANDOFF, pendingItem(id, item, now));
                }
                return done;
            });
            gauges.changed();
            if (NewItem.HANDOFF.equals(item.kind())) {
                webhooks.kick();
            }
            return result;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * A page of the queue, pending items first and oldest first.
     *
     * @param status {@code pending}, {@code claimed}, {@code resolved}, or null for all
     * @param product a product id, or null for all
     * @param pageParam 1-based page number as sent (null: 1)
     * @param sizeParam items per page, 1 to 100, as sent (null: 20)
     */
    public Uni<ReviewPage> list(String status, String product, String pageParam, String sizeParam) {
        return list(status, product, null, pageParam, sizeParam);
    }

    /**
     * As {@link #list(String, String, String, String)}, limited to the products in {@code scope} (null or empty:
     * every product): what a key limited to some products may see.
     */
    public Uni<ReviewPage> list(String status, String product, Collection<String> scope, String pageParam,
            String sizeParam) {
        int page = whole("page", pageParam, 1);
        int size = whole("size", sizeParam, DEFAULT_PAGE_SIZE);
        String wanted = blankToNull(status);
        if (wanted != null && !STATUSES.contains(wanted.toLowerCase(Locale.ROOT))) {
            throw invalid("status", "must be one of pending, claimed, resolved; got '" + status + "'");
        }
        if (page < 1) {
            throw invalid("page", "must be 1 or more; got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw invalid("size", "must be between 1 and " + MAX_PAGE_SIZE + "; got " + size);
        }
        String statusFilter = wanted == null ? null : wanted.toLowerCase(Locale.ROOT);
        String productFilter = blankToNull(product);
        return database.transaction(connection -> new ReviewPage(
                repository.list(connection, statusFilter, productFilter, scope, (page - 1L) * size, size), page,
                size, repository.count(connection, statusFilter, productFilter, scope)));
    }

    /** The item, if there is one. */
    public Uni<Optional<ReviewItem>> find(UUID id) {
        return database.transaction(connection -> repository.find(connection, id));
    }

    /** The item, or a 404 problem. */
    public Uni<ReviewItem> get(UUID id) {
        return find(id).map(item -> item.orElseThrow(() -> notFound(id)));
    }

    /**
     * Gives the item to the reviewer until the claim timeout. The holder may renew their claim; an expired claim
     * may be taken over by anyone. A claim held by someone else, or a resolved item, is a 409 problem.
     */
    public Uni<ReviewItem> claim(UUID id, ClaimRequest request) {
        return claim(id, request, null);
    }

    /**
     * As {@link #claim(UUID, ClaimRequest)}, for the reviewer holding the API key {@code key} (null: no key): the claim
     * is bound to the key, so only the same key (and reviewer name) renews or resolves it.
     */
    public Uni<ReviewItem> claim(UUID id, ClaimRequest request, UUID key) {
        String reviewer = reviewer(request == null ? null : request.reviewer());
        Instant now = now();
        Instant until = now.plus(config.review().claimTimeout());
        return database.transaction(connection -> {
            boolean taken = repository.claim(connection, id, reviewer, key, now, until);
            ReviewItem item = repository.find(connection, id).orElseThrow(() -> notFound(id));
            if (!taken) {
                throw ReviewItem.RESOLVED.equals(item.status()) ? alreadyResolved(item)
                        : conflict("Review item " + id + " is claimed by " + item.claimedBy()
                                + otherKey(connection, id, reviewer, key, item) + " until " + item.claimExpiresAt()
                                + "; it can be taken over after that");
            }
            return item;
        }).invoke(gauges::refresh);
    }

    /** " with another API key" when the name matches but the key does not: the same name is not the same person. */
    private String otherKey(java.sql.Connection connection, UUID id, String reviewer, UUID key, ReviewItem item)
            throws java.sql.SQLException {
        return reviewer.equals(item.claimedBy()) && !java.util.Objects.equals(repository.claimKey(connection, id)
                .orElse(null), key) ? " with another API key" : "";
    }

    /**
     * Records the verdict of the reviewer who holds the claim and hands it to every {@link ResolutionRecorder}, then
     * fires {@link ReviewResolved} and calls the product's webhook. Resolving an item one does not hold, or one
     * already resolved, is a 409 problem.
     */
    public Uni<ReviewItem> resolve(UUID id, ResolveRequest request) {
        return resolve(id, request, null);
    }

    /** As {@link #resolve(UUID, ResolveRequest)}, by the reviewer holding the API key {@code key} (null: no key). */
    public Uni<ReviewItem> resolve(UUID id, ResolveRequest request, UUID key) {
        ResolveRequest verdict = validate(request);
        Instant now = now();
        return database.transaction(connection -> {
            refuseApprovingNothing(repository.find(connection, id).orElseThrow(() -> notFound(id)), verdict);
            boolean done = repository.resolve(connection, id, verdict, key, now);
            ReviewItem item = repository.find(connection, id).orElseThrow(() -> notFound(id));
            if (!done) {
                if (ReviewItem.RESOLVED.equals(item.status())) {
                    throw alreadyResolved(item);
                }
                throw conflict(ReviewItem.PENDING.equals(item.status())
                        ? "Review item " + id + " is not claimed; claim it first with POST /v1/reviews/" + id + "/claim"
                        : "Review item " + id + " is claimed by " + item.claimedBy()
                                + otherKey(connection, id, verdict.reviewer(), key, item) + ", not by "
                                + verdict.reviewer() + "; only the holder of the claim can resolve it");
            }
            webhooks.add(connection, WebhookEvent.RESOLVED, item);
            return item;
        }).call(item -> {
            var event = new ReviewResolved(item.id(), item.answerId(), item.product(), item.resolvedBy(),
                    item.action(), item.finalText(), item.resolutionReason(), item.resolvedAt(), item.kind());
            return recordEverywhere(event).invoke(() -> announce(item, event));
        });
    }

    /** One call per recorder, one after the other; a failing recorder is logged and the others still run. */
    private Uni<Void> recordEverywhere(ReviewResolved event) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (ResolutionRecorder recorder : recorders) {
            all = all.call(() -> Uni.createFrom().deferred(() -> recorder.recordResolution(event))
                    .onFailure().recoverWithItem(failure -> {
                        LOG.errorf(failure, "A resolution recorder failed for review item %s", event.itemId());
                        return null;
                    }));
        }
        return all;
    }

    private void announce(ReviewItem item, ReviewResolved event) {
        try {
            resolved.fire(event);
        } catch (RuntimeException observerFailed) {
            LOG.errorf(observerFailed, "An observer of ReviewResolved failed for review item %s", item.id());
        }
        resolved.fireAsync(event).exceptionally(observerFailed -> {
            LOG.errorf(observerFailed, "An asynchronous observer of ReviewResolved failed for review item %s",
                    item.id());
            return null;
        });
        webhooks.kick();
        gauges.changed();
    }

    /** A hand-off whose providers produced nothing has no draft: the reviewer must write the reply. */
    private static void refuseApprovingNothing(ReviewItem item, ResolveRequest verdict) {
        if (NewItem.HANDOFF.equals(item.kind()) && "approve".equals(verdict.action()) && item.draft() == null
                && !ReviewItem.RESOLVED.equals(item.status())) {
            throw invalid("action", "this hand-off has no draft to approve; answer the customer with action edit "
                    + "and the reply in final_text");
        }
    }

    private static ResolveRequest validate(ResolveRequest request) {
        if (request == null) {
            throw invalid("reviewer", "is required");
        }
        String reviewer = reviewer(request.reviewer());
        String action = blankToNull(request.action());
        if (action == null) {
            throw invalid("action", "is required: approve, edit or reject");
        }
        action = action.toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(action)) {
            throw invalid("action", "must be approve, edit or reject; got '" + request.action() + "'");
        }
        if ("edit".equals(action) && blankToNull(request.finalText()) == null) {
            throw invalid("final_text", "is required when action is edit: the text that was actually sent");
        }
        return new ResolveRequest(reviewer, action, request.finalText(), blankToNull(request.reason()));
    }

    private static String reviewer(String name) {
        String reviewer = blankToNull(name);
        if (reviewer == null) {
            throw invalid("reviewer", "is required: the name of the reviewer");
        }
        if (reviewer.length() > 200) {
            throw invalid("reviewer", "must be at most 200 characters");
        }
        return reviewer;
    }

    private ReviewItem pendingItem(UUID id, NewItem item, Instant createdAt) {
        return new ReviewItem(id, item.answerId(), item.product(), item.kind(), item.reason(), ReviewItem.PENDING,
                item.question(), item.draft(), item.passages(), item.signals(), item.confidence(), null, null, null,
                null, null, null, null, null, createdAt, item.promptVersion());
    }

    // Both databases keep microseconds; truncating here makes what we return equal what we read back later.
    private Instant now() {
        return clock.now().truncatedTo(ChronoUnit.MICROS);
    }

    // A query parameter that is not a number is the caller's mistake (400 naming it), not a missing resource.
    private static int whole(String field, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException notNumber) {
            throw invalid(field, "must be a whole number; got '" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw)
                    + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(new Problem("about:blank", "Bad Request", 400, field + ": " + message, null,
                List.of(new Problem.FieldError(field, message))));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No review item has the id " + id);
    }

    private static ProblemException alreadyResolved(ReviewItem item) {
        return conflict("Review item " + item.id() + " was already resolved (" + item.action() + ") by "
                + item.resolvedBy() + " at " + item.resolvedAt());
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", detail));
    }
}
