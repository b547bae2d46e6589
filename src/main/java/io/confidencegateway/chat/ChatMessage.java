package io.confidencegateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One message of a conversation. {@code content} is a string or an array of content parts
 * ({@code {"type":"text","text":…}}, {@code {"type":"image_url",…}}); {@code tool_calls} is the OpenAI array.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String role, JsonNode content, String name, JsonNode toolCalls, String toolCallId,
        String refusal) {

    public static ChatMessage of(String role, String text) {
        return new ChatMessage(role, com.fasterxml.jackson.databind.node.TextNode.valueOf(text), null, null, null,
                null);
    }

    /** The text of this message: the string content, or its text parts joined by newlines. */
    public String text() {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        var joined = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText()) && part.has("text")) {
                if (!joined.isEmpty()) {
                    joined.append('\n');
                }
                joined.append(part.get("text").asText());
            }
        }
        return joined.toString();
    }
}
