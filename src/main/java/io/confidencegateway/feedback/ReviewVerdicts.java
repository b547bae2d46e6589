package io.confidencegateway.feedback;

import java.time.temporal.ChronoUnit;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.review.ResolutionRecorder;
import io.confidencegateway.store.Ids;
import io.confidencegateway.review.ReviewResolved;
import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;

/**
 * Counts a reviewer's verdict as feedback on the answer, once per review item however often it is recorded (the
 * review queue records each resolution once, before its resolve call answers, so a 2xx normally means the verdict
 * is stored; if storing it failed then, {@link VerdictSweep} records it from the durable resolution later):
 * {@code approve} judges the draft correct, {@code reject} incorrect, and {@code edit} records the sent text
 * with its edit ratio, judging the draft correct when the edit is minor (at or below the edit threshold) and
 * incorrect when it is substantial. The resolution of a hand-off is different: the customer was offered no AI
 * draft (only the polite hand-off message), so it is stored as a person's answer ({@code source: handoff}) with
 * no verdict and no edit ratio, whatever the action.
 */
@ApplicationScoped
public class ReviewVerdicts implements ResolutionRecorder {

    private final FeedbackService feedback;
    private final FeedbackRepository repository;
    private final Database database;

    public ReviewVerdicts(FeedbackService feedback, FeedbackRepository repository, Database database) {
        this.feedback = feedback;
        this.repository = repository;
        this.database = database;
    }

    /** Called once per resolution by the review queue, which answers the resolve call after this commits. */
    @Override
    public Uni<Void> recordResolution(ReviewResolved resolved) {
        return record(resolved).replaceWithVoid();
    }

    /** Stores the verdict unless this review item already has one; the stored event either way. */
    public Uni<FeedbackEvent> record(ReviewResolved resolved) {
        return database.transaction(c -> repository.findByReviewItem(c, resolved.itemId()))
                .flatMap(existing -> existing.isPresent() ? Uni.createFrom().item(existing.get().event())
                        : feedback.draftOf(resolved.answerId())
                                .flatMap(draft -> feedback.store(event(resolved, draft.orElse(null)), null))
                                .map(FeedbackService.Submission::event)
                                .onFailure(FeedbackService::isDuplicateKey).recoverWithUni(() -> database
                                        .transaction(c -> repository.findByReviewItem(c, resolved.itemId())
                                                .orElseThrow().event())));
    }

    private FeedbackEvent event(ReviewResolved r, AnswerDraft answer) {
        String draft = answer == null ? null : answer.content();
        String product = r.product() != null ? r.product() : answer == null ? null : answer.product();
        // A fixed vocabulary: the action becomes a metric tag and a short column.
        String action = r.action() == null ? "other" : r.action().toLowerCase(java.util.Locale.ROOT);
        Boolean correct;
        FeedbackService.EditResult edit = new FeedbackService.EditResult(null, null);
        if (r.handoff()) {
            if (!Set.of("approve", "edit", "reject").contains(action)) {
                action = "other";
            }
            return new FeedbackEvent(Ids.next(), r.answerId(), product, FeedbackEvent.SOURCE_HANDOFF, null,
                    null, null, r.finalText(), null, null, null, null, null, null, null, r.reason(), r.reviewer(),
                    r.itemId(), action, resolvedAt(r));
        }
        switch (action) {
            case "approve" -> correct = true;
            case "reject" -> correct = false;
            case "edit" -> {
                edit = feedback.edit(draft, r.finalText());
                correct = edit.edited() == null ? null : !edit.edited();
            }
            default -> {
                action = "other";
                correct = null;
            }
        }
        return new FeedbackEvent(Ids.next(), r.answerId(), product, FeedbackEvent.SOURCE_REVIEW, null,
                null, correct, r.finalText(), edit.ratio(), edit.edited(), null, null, null, null, null, r.reason(),
                r.reviewer(), r.itemId(), action, resolvedAt(r));
    }

    private static java.time.Instant resolvedAt(ReviewResolved r) {
        return r.resolvedAt() == null ? FeedbackService.now() : r.resolvedAt().truncatedTo(ChronoUnit.MILLIS);
    }
}
