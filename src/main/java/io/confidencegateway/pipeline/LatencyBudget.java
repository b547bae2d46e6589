package io.confidencegateway.pipeline;

import java.time.Duration;
import java.util.List;

import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.answer.AnswerAssembler.Forced;
import io.confidencegateway.chat.Logprobs;
import io.confidencegateway.inference.InferenceService;
import io.confidencegateway.pipeline.AnswerPipeline.Grounded;
import io.confidencegateway.pipeline.AnswerPipeline.Produced;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.provider.ModelCatalog;
import io.smallrye.mutiny.Uni;

/**
 * A product's latency budget and what an answer becomes when the model misses it: a hand-off to a person, the
 * extractive answer when the product prefers best effort, or (once part of a stream went out) a hand-off with that
 * part as its draft. Both the whole answer and the stream end here, and every outcome is scored and stored like any
 * answer, through the pipeline's {@link Finish}.
 */
final class LatencyBudget {

    /** Scores, decides and stores what was produced: the end every answer goes through. */
    @FunctionalInterface
    interface Finish {
        Uni<AiResponse> finish(Grounded grounded, InferenceService.Prepared prepared, Produced produced, String userId,
                String conversationId, Forced forced);
    }

    private final ModelCatalog catalog;
    private final AnswersConfig config;
    private final Finish finish;

    LatencyBudget(ModelCatalog catalog, AnswersConfig config, Finish finish) {
        this.catalog = catalog;
        this.config = config;
        this.finish = finish;
    }

    /** The product's whole latency budget for one answer. */
    static Duration of(Grounded grounded) {
        return Duration.ofMillis(Math.round(grounded.spec().maxLatencySeconds() * 1000));
    }

    /** What is left of the product's latency budget now (zero or negative once it has run out). */
    static Duration left(Grounded grounded) {
        return of(grounded).minusNanos(System.nanoTime() - grounded.startNanos());
    }

    /** Why a call stopped by the product's latency budget was cancelled, as its record says. */
    static InferenceService.Stop stop(Duration budget) {
        return new InferenceService.Stop("latency_budget", overBudgetReason(budget));
    }

    private static String overBudgetReason(Duration budget) {
        return "the model did not answer within the product's latency budget of " + budget.toMillis() + " ms";
    }

    /** Thrown inside the pipeline when the product's latency budget runs out; never reaches a caller. */
    static final class Exhausted extends RuntimeException {
        Exhausted(Duration budget) {
            super("latency budget of " + budget.toMillis() + " ms exhausted", null, false, false);
        }
    }

    /**
     * The model missed the budget: hand off, or (when the product prefers it) serve the extractive answer from
     * the passages at once, saying so in the review reasons.
     */
    Uni<AiResponse> overBudget(Grounded grounded, InferenceService.Prepared prepared, Duration budget,
            String userId, String conversationId) {
        String why = overBudgetReason(budget);
        List<ModelCatalog.Target> extractors = grounded.spec().latencyBudgetBehaviour()
                != ProductSpec.OnLatencyBudget.BEST_EFFORT ? List.of()
                : catalog.resolve(config.lastResort()) instanceof ModelCatalog.Route extract
                        ? catalog.servingIn(grounded.spec().dataResidency(), extract) : List.of();
        if (!extractors.isEmpty()) {
            ModelCatalog.Target target = extractors.get(0);
            return target.provider().chat(prepared.request().upstream(target.upstreamModel()).withoutLogprobs())
                    .chain(answer -> finish.finish(grounded, prepared, new Produced(answer.firstText(), answer.usage(),
                            null, target, true), userId, conversationId, new Forced("latency_budget", why
                                    + "; served the answer extracted from the knowledge base instead", false)));
        }
        return finish.finish(grounded, prepared, Produced.NOTHING, userId, conversationId,
                new Forced("latency_budget", why, true));
    }

    /**
     * The budget ran out while a stream was under way and part of the answer already went out: that part cannot
     * be taken back or replaced, so it becomes the draft of a hand-off, whatever the product's on_latency_budget.
     */
    Uni<AiResponse> cutOff(Grounded grounded, InferenceService.Prepared prepared, String partial, Logprobs logprobs,
            String userId, String conversationId) {
        return finish.finish(grounded, prepared, new Produced(partial, null, logprobs, null, false), userId,
                conversationId, new Forced("latency_budget", overBudgetReason(of(grounded))
                        + "; it was cut off after part of the answer went out", true));
    }
}
