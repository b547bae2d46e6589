package io.confidencegateway.api.answer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.chat.ChatMessage;

/**
 * {@code POST /v1/answers}: a question for a product, given as {@code question} or as a conversation whose last
 * user message is the question.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record AnswerRequest(String product, String question, List<ChatMessage> messages, String userId,
        String conversationId, Map<String, Object> metadata) {
}
