package io.confidencegateway.api.openai;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatResponse;
import io.confidencegateway.inference.Routed;
import io.confidencegateway.pipeline.AnswerPipeline;

/**
 * Turns the gateway's wire-neutral answers into OpenAI's shapes on the way out: the id a completion carries on this
 * surface ({@code chatcmpl-<inference id>}), and the {@code gateway} object — the plain envelope for a call routed to
 * a model ({@link Routed}), the verdict for a product answer ({@link AnswerPipeline.Answered}). Only the last one or
 * two chunks of a stream carry either; every other chunk is re-addressed only.
 */
final class OpenAiShapes {

    private static final String COMPLETION_PREFIX = "chatcmpl-";

    private OpenAiShapes() {
    }

    /** The id a completion with this inference id carries as an OpenAI chat completion. */
    static String completionId(String inferenceId) {
        return COMPLETION_PREFIX + inferenceId;
    }

    static ChatResponse completion(ChatResponse neutral) {
        return neutral.withIdentity(completionId(neutral.id()), neutral.model(), neutral.usage(),
                envelope(neutral.gateway()));
    }

    static ChatChunk chunk(ChatChunk neutral) {
        return new ChatChunk(completionId(neutral.id()), ChatChunk.OBJECT, neutral.created(), neutral.model(),
                neutral.choices(), neutral.usage(), neutral.systemFingerprint(), envelope(neutral.gateway()));
    }

    /** The {@code gateway} object for what the pipeline or the router put in that slot (null stays null). */
    static Object envelope(Object neutral) {
        if (neutral instanceof AnswerPipeline.Answered answered) {
            return AnswerEnvelope.of(answered);
        }
        if (neutral instanceof Routed routed) {
            return GatewayEnvelope.of(routed);
        }
        return neutral;
    }
}
