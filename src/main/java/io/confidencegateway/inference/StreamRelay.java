package io.confidencegateway.inference;

import java.util.ArrayList;
import java.util.List;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.Usage;

/**
 * The per-stream state between a provider and the caller: re-addresses chunks to the caller, accumulates the
 * text, holds back the finish chunk and the upstream usage report, and at the end emits them with the gateway
 * envelope on the finish chunk and, when the caller asked for usage, on the usage chunk after it too. Clients
 * that read only chunks with choices (LangChain JS drops the usage-only chunk) still get the envelope; those
 * that read the last chunk get it there. Used by one stream on one thread at a time.
 */
public final class StreamRelay {

    private final InferenceService.Prepared prepared;
    private final String id;
    private final StringBuilder text = new StringBuilder();
    private ChatChunk heldFinish;
    private Usage usage;
    private String finishReason;
    private String upstreamModel;
    private long created;
    private Long firstTokenNanos;
    private boolean started;

    /** A relay whose chunks carry the inference id as their id (each API re-addresses them in its own shape). */
    public StreamRelay(InferenceService.Prepared prepared) {
        this.prepared = prepared;
        this.id = prepared.id().toString();
    }

    /** The chunks to send now for one upstream chunk. */
    public List<ChatChunk> accept(ChatChunk chunk) {
        if (upstreamModel == null) {
            upstreamModel = chunk.model() == null ? prepared.route().alias() : chunk.model();
            created = chunk.created() == 0 ? System.currentTimeMillis() / 1000 : chunk.created();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        boolean usageOnly = chunk.choices() == null || chunk.choices().isEmpty();
        if (usageOnly) {
            return List.of();
        }
        String delta = chunk.textDelta();
        if (delta != null && !delta.isEmpty()) {
            text.append(delta);
            if (firstTokenNanos == null) {
                firstTokenNanos = System.nanoTime();
            }
        }
        ChatChunk addressed = new ChatChunk(id, ChatChunk.OBJECT, created, upstreamModel, chunk.choices(), null,
                chunk.systemFingerprint(), null);
        if (chunk.finishReason() != null) {
            finishReason = chunk.finishReason();
            heldFinish = addressed;
            return List.of();
        }
        started = true;
        return List.of(addressed);
    }

    /** The chunks that end the stream: the finish chunk, then the usage chunk if asked for; both carry the envelope. */
    public List<ChatChunk> finish(Object envelope) {
        var last = new ArrayList<ChatChunk>(2);
        boolean usageWanted = prepared.request().streamOptions() != null
                && prepared.request().streamOptions().usageRequested();
        ChatChunk finish = heldFinish != null ? heldFinish
                : ChatChunk.of(id, created == 0 ? System.currentTimeMillis() / 1000 : created,
                        upstreamModel == null ? prepared.route().alias() : upstreamModel,
                        List.of(new ChatChunk.ChunkChoice(0, new ChatChunk.Delta(null, null, null, null), "stop",
                                null)), null);
        last.add(finish.withUsageAndEnvelope(finish.choices(), null, envelope));
        if (usageWanted) {
            last.add(ChatChunk.of(id, finish.created(), finish.model(), List.of(), usage()).withUsageAndEnvelope(
                    List.of(), usage(), envelope));
        }
        started = true;
        return last;
    }

    /** Whether any chunk reached the caller. */
    boolean started() {
        return started;
    }

    String text() {
        return text.toString();
    }

    Long firstTokenNanos() {
        return firstTokenNanos;
    }

    String finishReason() {
        return finishReason == null ? "stop" : finishReason;
    }

    boolean usageEstimated() {
        return usage == null;
    }

    /** The upstream's usage report, or an estimate when it sent none. */
    Usage usage() {
        return usage != null ? usage : UsageEstimator.estimate(prepared.request(), text.toString());
    }
}
