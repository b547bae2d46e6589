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
 */
public record AnswerQuery(String productId, String question, List<ChatMessage> earlierTurns, String userId,
        String conversationId, ChatRequest options) {
}
