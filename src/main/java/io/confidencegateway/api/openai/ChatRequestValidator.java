package io.confidencegateway.api.openai;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.inference.GatewayError;

/**
 * Checks a chat completion request as it arrives, once, before anything routes it: shape and ranges as OpenAI
 * documents them. Each problem names the parameter and what to send instead. Whether a provider can honour every
 * parameter is routing's question ({@code inference.CapabilityCheck}).
 */
public final class ChatRequestValidator {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private ChatRequestValidator() {
    }

    /** The first shape or range problem of the request, if any. */
    public static Optional<GatewayError> invalid(ChatRequest request) {
        if (request.model() == null || request.model().isBlank()) {
            return fail("model", "'model' is required: send a model alias from GET /v1/models");
        }
        if (request.messages() == null || request.messages().isEmpty()) {
            return fail("messages", "'messages' is required and must hold at least one message");
        }
        for (int i = 0; i < request.messages().size(); i++) {
            Optional<GatewayError> problem = invalidMessage(request.messages().get(i), "messages[" + i + "]");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return firstOf(
                range("temperature", request.temperature(), 0, 2),
                range("top_p", request.topP(), 0, 1),
                range("presence_penalty", request.presencePenalty(), -2, 2),
                range("frequency_penalty", request.frequencyPenalty(), -2, 2),
                atLeast("n", request.n(), 1, 128),
                atLeast("max_tokens", request.maxTokens(), 1, Integer.MAX_VALUE),
                atLeast("max_completion_tokens", request.maxCompletionTokens(), 1, Integer.MAX_VALUE),
                atLeast("top_logprobs", request.topLogprobs(), 0, 20),
                topLogprobsNeedLogprobs(request),
                streamOptionsNeedStream(request),
                stop(request.stop()),
                responseFormat(request.responseFormat()),
                tools(request.tools()),
                toolChoice(request.toolChoice()));
    }

    /**
     * The first problem of a conversation a product answers (the native answers API's {@code messages}): each
     * message as for a chat completion, and only the roles a product prompt carries as context — system, user,
     * assistant with text (no tool turns).
     */
    public static Optional<GatewayError> invalidConversation(java.util.List<ChatMessage> messages) {
        for (int i = 0; i < messages.size(); i++) {
            String at = "messages[" + i + "]";
            Optional<GatewayError> problem = invalidMessage(messages.get(i), at);
            if (problem.isPresent()) {
                return problem;
            }
            ChatMessage message = messages.get(i);
            if (!Set.of("system", "user", "assistant").contains(message.role())) {
                return fail(at + ".role", at + ".role must be system, user or assistant for a product answer; got '"
                        + message.role() + "'");
            }
            if (!present(message.content())) {
                return fail(at + ".content", at + ".content is required (text) for a product answer");
            }
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> invalidMessage(ChatMessage message, String at) {
        if (message == null) {
            return fail(at, at + " must be an object with 'role' and 'content'");
        }
        if (message.role() == null || !ROLES.contains(message.role())) {
            return fail(at + ".role", at + ".role must be one of system, developer, user, assistant, tool");
        }
        boolean hasContent = present(message.content());
        if (hasContent && !message.content().isTextual() && !message.content().isArray()) {
            return fail(at + ".content", at + ".content must be a string or an array of content parts");
        }
        if (message.content() != null && message.content().isArray()) {
            for (JsonNode part : message.content()) {
                if (!part.path("type").isTextual()) {
                    return fail(at + ".content", "each content part of " + at + " needs a 'type' (text, image_url…)");
                }
            }
        }
        switch (message.role()) {
            case "assistant" -> {
                if (!hasContent && !hasItems(message.toolCalls())) {
                    return fail(at + ".content", at + " (assistant) needs 'content' or 'tool_calls'");
                }
            }
            case "tool" -> {
                if (message.toolCallId() == null || message.toolCallId().isBlank()) {
                    return fail(at + ".tool_call_id", at + " (tool) needs the 'tool_call_id' it answers");
                }
            }
            default -> {
                if (!hasContent) {
                    return fail(at + ".content", at + ".content is required");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> range(String param, Double value, double min, double max) {
        if (value != null && (value < min || value > max || value.isNaN())) {
            return fail(param, "'" + param + "' must be between " + format(min) + " and " + format(max) + "; got "
                    + value);
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> atLeast(String param, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            return fail(param, "'" + param + "' must be " + (max == Integer.MAX_VALUE ? "at least " + min
                    : "between " + min + " and " + max) + "; got " + value);
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> topLogprobsNeedLogprobs(ChatRequest request) {
        if (request.topLogprobs() != null && !request.wantsLogprobs()) {
            return fail("top_logprobs", "'top_logprobs' needs 'logprobs': true");
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> streamOptionsNeedStream(ChatRequest request) {
        if (request.streamOptions() != null && !request.streaming()) {
            return fail("stream_options", "'stream_options' is only allowed with 'stream': true");
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> stop(JsonNode stop) {
        if (!present(stop) || stop.isTextual()) {
            return Optional.empty();
        }
        if (!stop.isArray() || stop.size() > 4) {
            return fail("stop", "'stop' must be a string or an array of at most 4 strings");
        }
        for (JsonNode sequence : stop) {
            if (!sequence.isTextual()) {
                return fail("stop", "'stop' must be a string or an array of at most 4 strings");
            }
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> responseFormat(JsonNode format) {
        if (!present(format)) {
            return Optional.empty();
        }
        String type = format.path("type").asText("");
        if (!Set.of("text", "json_object", "json_schema").contains(type)) {
            return fail("response_format", "'response_format.type' must be text, json_object or json_schema");
        }
        if (type.equals("json_schema") && !format.path("json_schema").path("name").isTextual()) {
            return fail("response_format", "'response_format.json_schema' needs a 'name' and a 'schema'");
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> tools(JsonNode tools) {
        if (!present(tools)) {
            return Optional.empty();
        }
        if (!tools.isArray()) {
            return fail("tools", "'tools' must be an array of {\"type\":\"function\",\"function\":{…}}");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!"function".equals(tool.path("type").asText()) || !tool.path("function").path("name").isTextual()) {
                return fail("tools[" + i + "]", "tools[" + i + "] must be {\"type\":\"function\",\"function\":"
                        + "{\"name\":…,\"parameters\":…}}");
            }
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> toolChoice(JsonNode choice) {
        if (!present(choice)) {
            return Optional.empty();
        }
        if (choice.isTextual() && Set.of("none", "auto", "required").contains(choice.asText())) {
            return Optional.empty();
        }
        if (choice.isObject() && choice.path("function").path("name").isTextual()) {
            return Optional.empty();
        }
        return fail("tool_choice", "'tool_choice' must be none, auto, required or {\"type\":\"function\","
                + "\"function\":{\"name\":…}}");
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static boolean hasItems(JsonNode node) {
        return present(node) && node.isArray() && !node.isEmpty();
    }

    @SafeVarargs
    private static Optional<GatewayError> firstOf(Optional<GatewayError>... checks) {
        for (Optional<GatewayError> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    private static Optional<GatewayError> fail(String param, String message) {
        return Optional.of(new GatewayError.InvalidRequest(param, message));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
