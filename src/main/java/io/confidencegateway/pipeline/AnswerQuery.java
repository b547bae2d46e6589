package io.confidencegateway.pipeline;

import java.util.List;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;

/**
 * A question for a product, as the native answers API and product-addressed chat completions both ask it.
 *
 * @param productId the product that answers
 * @param question the question (the caller's last user message)
 * @param earlierTurns the conversation before it, oldest first (empty for none)
 * @param userId who asked, when the caller says; null otherwise
 * @param conversationId the conversation it belongs to, when the caller says; null otherwise
 * @param options the caller's chat-completion options the product honours (temperature, stop, seed, stream
 *        options…); null for the product's defaults
 * @param promptVersion the prompt version to answer with, or null for the one the product's labels choose
 * @param trial an evaluation's question: answered and scored like any other, but neither stored, queued for a
 *        person nor counted in the meters
 */
public record AnswerQuery(String productId, String question, List<ChatMessage> earlierTurns, String userId,
        String conversationId, ChatRequest options, Integer promptVersion, boolean trial) {

    /** A customer's question: the labels choose the prompt version, and the answer is stored. */
    public AnswerQuery(String productId, String question, List<ChatMessage> earlierTurns, String userId,
            String conversationId, ChatRequest options) {
        this(productId, question, earlierTurns, userId, conversationId, options, null, false);
    }

    /** A golden-set question of an evaluation, answered with one version and kept out of the records. */
    public static AnswerQuery trial(String productId, String question, int promptVersion) {
        return new AnswerQuery(productId, question, List.of(), null, null, null, promptVersion, true);
    }
}
