package io.confidencegateway.provider.anthropic;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;

/**
 * Translates an OpenAI-shaped chat request into the body of Anthropic's {@code POST /messages}. A request the
 * Messages API cannot express fails with {@link ProviderFailure.Rejected} (HTTP 400, the caller's fault) before
 * anything is sent.
 */
final class AnthropicRequestMapper {

    /** Anthropic requires {@code max_tokens}; OpenAI callers usually leave it out. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BASE64_DATA_URL = Pattern.compile("^data:([^;,]+);base64,(.+)$", Pattern.DOTALL);

    private final String providerId;

    AnthropicRequestMapper(String providerId) {
        this.providerId = providerId;
    }

    /** The Messages API body for this request; {@code stream} adds {@code "stream": true}. */
    ObjectNode toMessagesRequest(ChatRequest request, boolean stream) {
        ObjectNode body = NODES.objectNode();
        body.put("model", request.model());
        Integer limit = request.outputTokenLimit();
        body.put("max_tokens", limit != null ? limit : DEFAULT_MAX_TOKENS);
        List<ChatMessage> messages = request.messages() == null ? List.of() : request.messages();
        String system = systemOf(messages);
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.set("messages", turnsOf(messages));
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        List<String> stops = request.stopSequences();
        if (!stops.isEmpty()) {
            ArrayNode sequences = body.putArray("stop_sequences");
            stops.forEach(sequences::add);
        }
        if (request.user() != null && !request.user().isBlank()) {
            body.putObject("metadata").put("user_id", request.user());
        }
        // Anthropic refuses tool_choice without tools; with no tools "none" and "auto" mean the same anyway.
        if (request.tools() != null && request.tools().isArray() && !request.tools().isEmpty()) {
            body.set("tools", toolsOf(request.tools()));
            toolChoiceOf(request.toolChoice(), request.parallelToolCalls())
                    .ifPresent(choice -> body.set("tool_choice", choice));
        }
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    /** System and developer messages, wherever they stand, joined into Anthropic's single top-level prompt. */
    private static String systemOf(List<ChatMessage> messages) {
        var system = new StringBuilder();
        for (ChatMessage message : messages) {
            if (isSystem(message) && !message.text().isEmpty()) {
                if (!system.isEmpty()) {
                    system.append("\n\n");
                }
                system.append(message.text());
            }
        }
        return system.toString();
    }

    /**
     * The conversation as strictly alternating user/assistant turns: tool results become user turns, and
     * consecutive messages of the same Anthropic role merge into one turn.
     */
    private ArrayNode turnsOf(List<ChatMessage> messages) {
        ArrayNode turns = NODES.arrayNode();
        ObjectNode current = null;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (isSystem(message)) {
                continue;
            }
            String at = "messages[" + i + "]";
            String role = message.role();
            ArrayNode blocks;
            if ("user".equals(role)) {
                blocks = userBlocks(message.content(), at);
            } else if ("assistant".equals(role)) {
                blocks = assistantBlocks(message, at);
            } else if ("tool".equals(role)) {
                blocks = toolResultBlocks(message, at);
            } else {
                throw untranslatable(at + ".role '" + role + "' cannot be sent to Anthropic; use user, assistant "
                        + "or tool");
            }
            // An empty message says nothing, and Anthropic rejects empty text blocks.
            if (blocks.isEmpty()) {
                continue;
            }
            String turnRole = "assistant".equals(role) ? "assistant" : "user";
            if (current != null && turnRole.equals(current.get("role").asText())) {
                ((ArrayNode) current.get("content")).addAll(blocks);
            } else {
                current = turns.addObject().put("role", turnRole);
                current.set("content", blocks);
            }
        }
        turns.forEach(AnthropicRequestMapper::toolResultsFirst);
        return turns;
    }

    private ArrayNode userBlocks(JsonNode content, String at) {
        ArrayNode blocks = NODES.arrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            addText(blocks, content.asText());
            return blocks;
        }
        for (int p = 0; p < content.size(); p++) {
            JsonNode part = content.get(p);
            String type = part.path("type").asText();
            if (type.equals("text")) {
                addText(blocks, part.path("text").asText(""));
            } else if (type.equals("image_url")) {
                blocks.add(imageBlock(part.path("image_url"), at + ".content[" + p + "]"));
            } else {
                throw untranslatable(at + ".content[" + p + "] is a '" + type + "' part, which Anthropic cannot "
                        + "take here; send text or image_url parts");
            }
        }
        return blocks;
    }

    private ObjectNode imageBlock(JsonNode imageUrl, String at) {
        String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
        ObjectNode block = NODES.objectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:")) {
            Matcher data = BASE64_DATA_URL.matcher(url);
            if (!data.matches()) {
                throw untranslatable(at + " is a data: URL that is not base64; send data:<media type>;base64,…");
            }
            source.put("type", "base64").put("media_type", data.group(1)).put("data", data.group(2));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url").put("url", url);
        } else {
            throw untranslatable(at + ".image_url.url must be a data: or http(s) URL");
        }
        return block;
    }

    private ArrayNode assistantBlocks(ChatMessage message, String at) {
        ArrayNode blocks = NODES.arrayNode();
        addText(blocks, message.text());
        JsonNode calls = message.toolCalls();
        if (calls == null || !calls.isArray()) {
            return blocks;
        }
        for (int c = 0; c < calls.size(); c++) {
            JsonNode call = calls.get(c);
            String where = at + ".tool_calls[" + c + "]";
            JsonNode function = call.path("function");
            if (!call.path("id").isTextual() || !function.path("name").isTextual()) {
                throw untranslatable(where + " needs an 'id' and a 'function.name'");
            }
            ObjectNode use = blocks.addObject().put("type", "tool_use").put("id", call.get("id").asText())
                    .put("name", function.get("name").asText());
            use.set("input", argumentsOf(function.path("arguments"), where));
        }
        return blocks;
    }

    /** OpenAI carries arguments as a JSON string; Anthropic wants the object itself. */
    private JsonNode argumentsOf(JsonNode arguments, String at) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = arguments.isTextual() ? arguments.asText() : "";
        if (text.isBlank()) {
            return NODES.objectNode();
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException notJson) {
            // reported below, without echoing the arguments
        }
        throw untranslatable(at + ".function.arguments must be a JSON object");
    }

    private ArrayNode toolResultBlocks(ChatMessage message, String at) {
        if (message.toolCallId() == null || message.toolCallId().isBlank()) {
            throw untranslatable(at + " (tool) needs the 'tool_call_id' it answers");
        }
        ArrayNode blocks = NODES.arrayNode();
        ObjectNode result = blocks.addObject().put("type", "tool_result").put("tool_use_id", message.toolCallId());
        if (!message.text().isEmpty()) {
            result.put("content", message.text());
        }
        return blocks;
    }

    /** Anthropic wants a user turn's tool results before any text that follows them. */
    private static void toolResultsFirst(JsonNode turn) {
        ArrayNode content = (ArrayNode) turn.get("content");
        ArrayNode ordered = NODES.arrayNode();
        content.forEach(b -> {
            if ("tool_result".equals(b.path("type").asText())) {
                ordered.add(b);
            }
        });
        content.forEach(b -> {
            if (!"tool_result".equals(b.path("type").asText())) {
                ordered.add(b);
            }
        });
        ((ObjectNode) turn).set("content", ordered);
    }

    private static ArrayNode toolsOf(JsonNode tools) {
        ArrayNode mapped = NODES.arrayNode();
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            ObjectNode out = mapped.addObject().put("name", function.path("name").asText());
            if (function.path("description").isTextual()) {
                out.put("description", function.get("description").asText());
            }
            JsonNode parameters = function.path("parameters");
            if (parameters.isObject()) {
                out.set("input_schema", parameters);
            } else {
                // OpenAI allows a function without parameters; Anthropic requires an object schema.
                out.putObject("input_schema").put("type", "object").putObject("properties");
            }
        }
        return mapped;
    }

    private Optional<ObjectNode> toolChoiceOf(JsonNode choice, Boolean parallelToolCalls) {
        ObjectNode mapped = null;
        if (choice != null && !choice.isNull()) {
            if (choice.isTextual()) {
                mapped = NODES.objectNode().put("type", switch (choice.asText()) {
                    case "none" -> "none";
                    case "auto" -> "auto";
                    case "required" -> "any";
                    default -> throw untranslatable("tool_choice '" + choice.asText() + "' is not one of none, "
                            + "auto, required");
                });
            } else if (choice.path("function").path("name").isTextual()) {
                mapped = NODES.objectNode().put("type", "tool").put("name", choice.get("function").get("name")
                        .asText());
            } else {
                throw untranslatable("tool_choice must be none, auto, required or {\"type\":\"function\","
                        + "\"function\":{\"name\":…}}");
            }
        }
        if (Boolean.FALSE.equals(parallelToolCalls)) {
            if (mapped == null) {
                mapped = NODES.objectNode().put("type", "auto");
            }
            if (!"none".equals(mapped.get("type").asText())) {
                mapped.put("disable_parallel_tool_use", true);
            }
        }
        return Optional.ofNullable(mapped);
    }

    private static void addText(ArrayNode blocks, String text) {
        if (text != null && !text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
    }

    private static boolean isSystem(ChatMessage message) {
        return "system".equals(message.role()) || "developer".equals(message.role());
    }

    private ProviderException untranslatable(String detail) {
        return new ProviderException(new ProviderFailure.Rejected(providerId, 400, detail));
    }
}
