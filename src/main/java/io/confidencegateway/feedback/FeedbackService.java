package io.confidencegateway.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.access.AccessPolicy;
import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.store.Ids;
import io.confidencegateway.inference.InferenceLog;
import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.store.Database;
import io.confidencegateway.store.StoreException;
import io.smallrye.mutiny.Uni;

/**
 * Accepts feedback on answers and stores it durably: a submission completes only after its transaction
 * committed. With an idempotency key, a repeated submission returns the event stored the first time.
 */
@ApplicationScoped
public class FeedbackService {

    /** The stored event, and whether this call replayed an earlier submission with the same key. */
    public record Submission(FeedbackEvent event, boolean replayed) {
    }

    private static final String DUPLICATE_KEY = "23505";

    private final Database database;
    private final FeedbackRepository repository;
    private final InferenceLog inferences;
    private final FeedbackConfig config;
    private final GatewayMetrics metrics;
    private final ObjectMapper json;
    private final Callers callers;

    public FeedbackService(Database database, FeedbackRepository repository, InferenceLog inferences,
            FeedbackConfig config, GatewayMetrics metrics, ObjectMapper json, Callers callers) {
        this.callers = callers;
        this.database = database;
        this.repository = repository;
        this.inferences = inferences;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * Validates and stores one feedback event on an answer (400 invalid, 404 unknown answer, 403 a client key on an
     * answer it did not create, 422 reused key).
     */
    public Uni<Submission> submit(String answerId, String idempotencyKey, JsonNode body) {
        UUID id = parseId(answerId);
        FeedbackRequest request = FeedbackValidator.validate(body);
        String key = checkedKey(idempotencyKey);
        String hash = hash(id, request);
        ApiKey caller = callers.current().orElse(null);
        Set<UUID> callerKeyIds = caller == null ? Set.of() : callers.keyIds(caller);
        // The owner check comes before the idempotency look-up: a replay must not hand another key's event back.
        return draftOf(id).map(draft -> owned(draft.orElseThrow(() -> ProblemException.notFound(
                "No answer has the id " + id)), caller, callerKeyIds))
                .flatMap(draft -> database.transaction(c -> key == null ? Optional.<FeedbackRepository.Stored>empty()
                        : repository.findByIdempotencyKey(c, key))
                        .flatMap(earlier -> earlier.isPresent()
                                ? Uni.createFrom().item(replay(earlier.get(), key, hash))
                                : Uni.createFrom().item(draft).invoke(() -> checkSpan(request, draft))
                                        .flatMap(checked -> store(event(checked, key, request), hash))))
                .onFailure(FeedbackService::isDuplicateKey).recoverWithUni(() -> database.transaction(
                        c -> repository.findByIdempotencyKey(c, key))
                        .map(winner -> replay(winner.orElseThrow(), key, hash)));
    }

    /** The draft, when the caller may give feedback on it; else a 403 saying who may. */
    private static AnswerDraft owned(AnswerDraft draft, ApiKey caller, Set<UUID> callerKeyIds) {
        AccessPolicy.feedbackDenial(caller, callerKeyIds, draft.createdByKey()).ifPresent(denied -> {
            throw new ProblemException(Problem.forbidden(denied.code(), denied.detail()));
        });
        return draft;
    }

    /** Every feedback event on an answer, oldest first (404 for an unknown answer). */
    public Uni<List<FeedbackEvent>> list(String answerId) {
        UUID id = parseId(answerId);
        return database.transaction(c -> repository.listForAnswer(c, id)).flatMap(events -> events.isEmpty()
                ? draftOf(id).map(draft -> {
                    draft.orElseThrow(() -> ProblemException.notFound("No answer has the id " + id));
                    return events;
                })
                : Uni.createFrom().item(events));
    }

    /** The edit ratio of a final text against a draft, and whether it counts as edited; nulls without both. */
    EditResult edit(String draft, String finalText) {
        if (finalText == null || draft == null) {
            return new EditResult(null, null);
        }
        double ratio = EditDistance.ratio(draft, finalText);
        return new EditResult(ratio, ratio > config.editThreshold());
    }

    record EditResult(Double ratio, Boolean edited) {
    }

    /**
     * The answer with its draft: a product answer, else a plain chat completion. A completion whose record is still
     * queued is stored first, so that no acknowledged feedback can outlive the answer it is about.
     */
    Uni<Optional<AnswerDraft>> draftOf(UUID id) {
        return database.transaction(c -> repository.findProductAnswer(c, id)).flatMap(found -> found.isPresent()
                ? Uni.createFrom().item(found)
                : inferences.findDurable(id).map(record -> record.map(r -> new AnswerDraft(id, null, r.content(),
                        r.createdByKey()))));
    }

    /** Stores an event and counts its signals once committed. */
    Uni<Submission> store(FeedbackEvent event, String hash) {
        return database.transaction(c -> {
            repository.insert(c, event, hash);
            return event;
        }).map(stored -> {
            kindsOf(stored).forEach(kind -> metrics.countFeedback(stored.product(), kind));
            if (stored.csat() != null) {
                metrics.recordCsat(stored.product(), stored.csat());
            }
            return new Submission(stored, false);
        });
    }

    private FeedbackEvent event(AnswerDraft draft, String key, FeedbackRequest r) {
        EditResult edit = edit(draft.content(), r.finalText());
        return new FeedbackEvent(Ids.next(), draft.answerId(), draft.product(), FeedbackEvent.SOURCE_API,
                key, r.rating(), r.judgedCorrect(), r.finalText(), edit.ratio(), edit.edited(), r.resolved(),
                r.escalated(), r.csat(), r.hallucination(), r.hallucinationSpan(), r.comment(), r.userId(), null, null,
                now());
    }

    /** Millisecond precision, which every store keeps exactly, so a replay returns the very same event. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Submission replay(FeedbackRepository.Stored earlier, String key, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            throw new ProblemException(new Problem("about:blank", "Unprocessable Content", 422,
                    "The Idempotency-Key '" + key + "' was already used with a different request (another body or "
                            + "another answer); send a new key for a new feedback event",
                    null, List.of(new Problem.FieldError("Idempotency-Key", "already used with a different request"))));
        }
        return new Submission(earlier.event(), true);
    }

    /** The metric kinds of an event ({@code gateway_feedback_events_total{kind=…}}). */
    static List<String> kindsOf(FeedbackEvent e) {
        List<String> kinds = new ArrayList<>();
        if (e.reviewAction() != null) {
            kinds.add((FeedbackEvent.SOURCE_HANDOFF.equals(e.source()) ? "handoff_" : "review_") + e.reviewAction());
        }
        if (e.rating() != null) {
            kinds.add("rating_" + e.rating());
        }
        if (Boolean.TRUE.equals(e.edited())) {
            kinds.add("edited");
        }
        if (Boolean.TRUE.equals(e.resolved())) {
            kinds.add("resolved");
        }
        if (Boolean.TRUE.equals(e.escalated())) {
            kinds.add("escalated");
        }
        if (e.csat() != null) {
            kinds.add("csat");
        }
        if (Boolean.TRUE.equals(e.hallucination())) {
            kinds.add("hallucination");
        }
        return kinds;
    }

    static UUID parseId(String answerId) {
        try {
            return UUID.fromString(answerId);
        } catch (IllegalArgumentException notUuid) {
            throw ProblemException.notFound("No answer has the id '" + answerId + "': answer ids are UUIDs");
        }
    }

    /** The key as stored; null when none was sent; a 400 naming the header when one was sent but is unusable. */
    private static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        IdempotencyKeyPolicy.problemWith(key).ifPresent(reason -> {
            throw new ProblemException(new Problem("about:blank", "Bad Request", 400, "Idempotency-Key " + reason,
                    null, List.of(new Problem.FieldError("Idempotency-Key", reason))));
        });
        return key;
    }

    private static void checkSpan(FeedbackRequest request, AnswerDraft draft) {
        FeedbackValidator.spanOutsideDraft(request.hallucinationSpan(), draft.content()).ifPresent(reason -> {
            throw new ProblemException(new Problem("about:blank", "Unprocessable Content", 422,
                    "hallucination_span: " + reason, null, List.of(new Problem.FieldError("hallucination_span",
                            reason))));
        });
    }

    private String hash(UUID answerId, FeedbackRequest request) {
        try {
            byte[] canonical = (answerId + "\n" + json.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("feedback request could not be hashed", impossible);
        }
    }

    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof StoreException && failure.getCause() instanceof SQLException sql
                && DUPLICATE_KEY.equals(sql.getSQLState());
    }
}
