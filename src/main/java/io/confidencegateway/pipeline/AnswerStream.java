package io.confidencegateway.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.confidencegateway.inference.StreamRelay;
import io.confidencegateway.inference.InferenceService;
import io.confidencegateway.inference.InferenceFailure;
import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.Logprobs;
import io.confidencegateway.chat.Usage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One streamed product answer: the model's tokens as they come within the product's latency budget, then the
 * verdict on the last chunk(s). Every outcome ends gracefully, with the verdict and then {@code [DONE]}:
 * <ul>
 * <li>the model finishes: its answer is scored like a whole answer (same signals, logprobs and verifier tiers);
 * <li>every provider fails before any text went out: the hand-off message is the content and
 * {@code gateway.handoff} carries the ticket;
 * <li>the budget runs out before any text went out: as {@code on_latency_budget} says, the hand-off, or the
 * extractive answer marked for review;
 * <li>the budget runs out after part of the answer went out: the model is stopped, the hand-off message follows
 * the partial text after a blank line, and the ticket holds the partial draft. Neither setting can take back what
 * the reader already saw, and gluing a second, extracted answer to half of the first would read as one confused
 * answer, so both settings end this way.
 * </ul>
 * A provider that breaks after text went out still ends the stream with an error event (the route's rule).
 * Emission is serialised by Mutiny; the state is shared with the budget timer, hence the atomics and locks.
 */
final class AnswerStream {

    /** Emitted by the budget timer into the merged stream; never reaches a caller. */
    private static final ChatChunk DEADLINE = new ChatChunk(null, null, 0, null, List.of(), null, null, null);

    private enum State { RUNNING, MODEL_DONE, OVER_BUDGET, FAILED }

    private final AnswerPipeline pipeline;
    private final LatencyBudget budget;
    private final InferenceService inference;
    private final AnswerPipeline.Grounded grounded;
    private final InferenceService.Prepared prepared;
    private final AnswerQuery query;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final AtomicReference<MultiEmitter<? super ChatChunk>> timer = new AtomicReference<>();
    private final StringBuilder sent = new StringBuilder();
    private final List<Logprobs.TokenLogprob> tokens = new ArrayList<>();
    private boolean logprobsSeen;

    AnswerStream(AnswerPipeline pipeline, LatencyBudget budget, InferenceService inference,
            AnswerPipeline.Grounded grounded, InferenceService.Prepared prepared, AnswerQuery query) {
        this.pipeline = pipeline;
        this.budget = budget;
        this.inference = inference;
        this.grounded = grounded;
        this.prepared = prepared;
        this.query = query;
    }

    Multi<ChatChunk> chunks() {
        Duration left = LatencyBudget.left(grounded);
        long leftNanos = Math.max(1_000_000, left.toNanos());
        Multi<ChatChunk> model = inference.stream(prepared, (text, usage) -> {
            if (state.compareAndSet(State.RUNNING, State.MODEL_DONE)) {
                disarm();
            }
            return pipeline.finish(grounded, prepared, new AnswerPipeline.Produced(text, usage, logprobs(), null, true),
                    query.userId(), query.conversationId(), null)
                    .map(response -> (Object) AnswerPipeline.Answered.of(response, prepared));
        }).onItem().invoke(this::collectLogprobs);
        Multi<ChatChunk> deadline = Multi.createFrom().emitter(emitter -> {
            timer.set(emitter);
            if (state.get() != State.RUNNING) {
                emitter.complete();
                return;
            }
            ScheduledFuture<?> fire = Infrastructure.getDefaultWorkerPool().schedule(() -> {
                if (state.compareAndSet(State.RUNNING, State.OVER_BUDGET)) {
                    // Said before the merge cancels the model's stream, so that its record names the budget.
                    prepared.stopBecause(LatencyBudget.stop(LatencyBudget.of(grounded)));
                    emitter.emit(DEADLINE);
                }
                emitter.complete();
            }, leftNanos, TimeUnit.NANOSECONDS);
            emitter.onTermination(() -> fire.cancel(false));
        });
        return Multi.createBy().merging().streams(deadline, model)
                .select().first(chunk -> chunk != DEADLINE)
                .onItem().invoke(this::recordSent)
                .onCompletion().switchTo(() -> state.get() == State.OVER_BUDGET ? overBudget()
                        : Multi.createFrom().empty())
                .onFailure(InferenceFailure.class).recoverWithMulti(failure -> failed((InferenceFailure) failure))
                .map(AnswerStream::withoutLogprobs);
    }

    /** The model finished (its verdict is being computed): the budget no longer cuts the stream. */
    private void disarm() {
        MultiEmitter<? super ChatChunk> emitter = timer.get();
        if (emitter != null) {
            emitter.complete();
        }
    }

    /** Text that passed on to the caller (what a cut-off stream already showed). */
    private synchronized void recordSent(ChatChunk chunk) {
        String text = chunk.textDelta();
        if (text != null) {
            sent.append(text);
        }
    }

    /** Logprobs as the model sends them, before the merge: all are in when the model's stream ends. */
    private synchronized void collectLogprobs(ChatChunk chunk) {
        if (chunk.choices() != null) {
            for (ChatChunk.ChunkChoice choice : chunk.choices()) {
                if (choice.index() == 0 && choice.logprobs() != null && choice.logprobs().content() != null) {
                    logprobsSeen = true;
                    tokens.addAll(choice.logprobs().content());
                }
            }
        }
    }

    private synchronized Logprobs logprobs() {
        return logprobsSeen ? new Logprobs(List.copyOf(tokens)) : null;
    }

    private synchronized String sentText() {
        return sent.toString();
    }

    private Multi<ChatChunk> overBudget() {
        String partial = sentText();
        if (partial.isEmpty()) {
            return budget.overBudget(grounded, prepared, LatencyBudget.of(grounded), query.userId(),
                    query.conversationId()).onItem().transformToMulti(response -> closing(response.content(), response));
        }
        return budget.cutOff(grounded, prepared, partial, logprobs(), query.userId(), query.conversationId())
                .onItem().transformToMulti(response -> closing("\n\n" + response.content(), response));
    }

    private Multi<ChatChunk> failed(InferenceFailure failure) {
        state.compareAndSet(State.RUNNING, State.FAILED);
        if (!sentText().isEmpty()) {
            return Multi.createFrom().failure(failure);
        }
        return pipeline.providersFailed(grounded, prepared, failure, query.userId(), query.conversationId())
                .onItem().transformToMulti(response -> closing(response.content(), response));
    }

    /** The last content, then the finish chunk and (when asked for) the usage chunk, both with the verdict. */
    private Multi<ChatChunk> closing(String text, AiResponse response) {
        var relay = new StreamRelay(prepared);
        long created = response.createdAt().getEpochSecond();
        var chunks = new ArrayList<>(relay.accept(ChatChunk.of(null, created, response.model(),
                List.of(new ChatChunk.ChunkChoice(0, new ChatChunk.Delta("assistant", text, null, null), null, null)),
                null)));
        Usage usage = response.usage() == null ? Usage.of(0, 0)
                : Usage.of(response.usage().promptTokens(), response.usage().completionTokens());
        relay.accept(ChatChunk.of(null, created, response.model(), List.of(), usage));
        chunks.addAll(relay.finish(AnswerPipeline.Answered.of(response, prepared)));
        return Multi.createFrom().iterable(chunks);
    }

    /**
     * The chunk without the token log probabilities the pipeline asked for to score the answer: a product
     * answer's confidence is {@code gateway.confidence}, and its JSON form carries no logprobs either.
     */
    private static ChatChunk withoutLogprobs(ChatChunk chunk) {
        if (chunk.choices() == null || chunk.choices().stream().allMatch(choice -> choice.logprobs() == null)) {
            return chunk;
        }
        var choices = chunk.choices().stream().map(choice -> new ChatChunk.ChunkChoice(choice.index(),
                choice.delta(), choice.finishReason(), null)).toList();
        return chunk.withUsageAndEnvelope(choices, chunk.usage(), chunk.gateway());
    }
}
