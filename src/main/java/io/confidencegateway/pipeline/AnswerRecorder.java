package io.confidencegateway.pipeline;

import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.answer.AnswerAssembler;
import io.confidencegateway.answer.AnswerStore;
import io.confidencegateway.metrics.GatewayMetrics;
import io.confidencegateway.prompt.PromptService;
import io.confidencegateway.review.NewItem;
import io.confidencegateway.review.ReviewQueue;
import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;

/**
 * The pipeline's last step: a judged draft becomes the AIResponse (assembled once) and is stored — together with its
 * review item or hand-off ticket when a person must see it, in one commit — then counted in the meters. An
 * evaluation's trial answer is assembled only.
 */
@ApplicationScoped
class AnswerRecorder {

    private final AnswerStore store;
    private final ReviewQueue reviews;
    private final GatewayMetrics metrics;
    private final PromptService prompts;

    AnswerRecorder(AnswerStore store, ReviewQueue reviews, GatewayMetrics metrics, PromptService prompts) {
        this.prompts = prompts;
        this.store = store;
        this.reviews = reviews;
        this.metrics = metrics;
    }

    /**
     * The stored (or, for a trial, only assembled) response of a judged draft; {@code createdByKey} is the id of the
     * API key that asked (null: none), which decides who may give feedback on it.
     */
    Uni<AiResponse> record(AnswerPipeline.Grounded grounded, AnswerAssembler.Judged judged, String userId,
            String conversationId, UUID createdByKey) {
        return stored(grounded, judged, userId, conversationId, createdByKey)
                .map(assembled -> {
                    AiResponse response = assembled.response();
                    if (grounded.trial()) {
                        return response;
                    }
                    String handoffReason = response.handoff() == null ? null : response.handoff().reason();
                    String version = prompts.meterTag(grounded.productId(), grounded.version().version());
                    metrics.recordAnswer(grounded.productId(), version, response.confidenceLabel(),
                            outcome(assembled), response.confidence());
                    if (handoffReason != null) {
                        metrics.recordHandoff(grounded.productId(), version, handoffReason);
                    }
                    if (response.usage() != null) {
                        metrics.recordProductTokens(grounded.productId(), version, response.model(),
                                response.usage().promptTokens(), response.usage().completionTokens());
                        if (response.usage().costUsd() != null) {
                            metrics.recordCost(grounded.productId(), version, response.model(),
                                    response.usage().costUsd());
                        }
                    }
                    return response;
                });
    }

    private static String outcome(AnswerAssembler.Assembled assembled) {
        return assembled.decision().outcome().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Assembles the response once and stores it, in one commit: a draft that needs a person goes into the review
     * queue in the same transaction, and a hand-off's response carries the ticket it got there.
     */
    private Uni<AnswerAssembler.Assembled> stored(AnswerPipeline.Grounded grounded, AnswerAssembler.Judged judged,
            String userId, String conversationId, UUID createdByKey) {
        if (grounded.trial()) {
            // An evaluation's answer: nothing is stored or queued; a hand-off says so without a ticket.
            return Uni.createFrom().item(AnswerAssembler.assemble(judged, judged.handoffReason() == null ? null
                    : new AiResponse.Handoff(null, judged.handoffReason(), "evaluation: not queued", null)));
        }
        if (!judged.queued()) {
            var assembled = AnswerAssembler.assemble(judged, null);
            return store.save(assembled.response(), facts(grounded, assembled, userId, conversationId, createdByKey))
                    .replaceWith(assembled);
        }
        AnswerAssembler.Draft draft = judged.draft();
        boolean handOff = judged.handoffReason() != null;
        var item = new NewItem(UUID.fromString(draft.id()), grounded.productId(),
                handOff ? NewItem.HANDOFF : NewItem.REVIEW, judged.queueReason(), grounded.question(),
                judged.answered() ? draft.content() : null, grounded.passages(), draft.score().signals(),
                draft.score().confidence(), grounded.version().version());
        return reviews.enqueue(item, ticket -> {
            var assembled = AnswerAssembler.assemble(judged, handOff ? new AiResponse.Handoff(ticket.id().toString(),
                    judged.handoffReason(), ticket.message(), ticket.queuePosition()) : null);
            Database.Work<String> insert = store.insert(assembled.response(),
                    facts(grounded, assembled, userId, conversationId, createdByKey));
            return connection -> {
                insert.run(connection);
                return assembled;
            };
        });
    }

    private static AnswerStore.Facts facts(AnswerPipeline.Grounded grounded, AnswerAssembler.Assembled assembled,
            String userId, String conversationId, UUID createdByKey) {
        AiResponse response = assembled.response();
        return new AnswerStore.Facts(userId, conversationId, grounded.question(), outcome(assembled),
                response.handoff() == null ? null : response.handoff().reason(), createdByKey);
    }
}
