package io.confidencegateway.provider.ollama;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;

/**
 * Translates a chat request into the body of Ollama's {@code POST /api/chat}. What Ollama cannot be told
 * (a remote image URL, a forced tool choice) is refused here with a 400 {@link ProviderFailure.Rejected}, before
 * any call, rather than silently dropped.
 */
final class OllamaRequestMapper {

    private final String providerId;
    private final ObjectMapper json;

    OllamaRequestMapper(String providerId, ObjectMapper json) {
        this.providerId = providerId;
        this.json = json;
    }

    /** The {@code /api/chat} body; {@code stream} is always written because Ollama streams when it is absent. */
    ObjectNode toBody(ChatRequest request, boolean stream) {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        body.set("messages", messages(request.messages()));
        body.put("stream", stream);
        ObjectNode options = options(request);
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        JsonNode format = format(request.responseFormat());
        if (format != null) {
            body.set("format", format);
        }
        if (wantsTools(request)) {
            body.set("tools", request.tools());
        }
        return body;
    }

    private ObjectNode options(ChatRequest request) {
        ObjectNode options = json.createObjectNode();
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            options.put("top_p", request.topP());
        }
        if (request.outputTokenLimit() != null) {
            options.put("num_predict", request.outputTokenLimit());
        }
        List<String> stop = request.stopSequences();
        if (!stop.isEmpty()) {
            ArrayNode sequences = options.putArray("stop");
            stop.forEach(sequences::add);
        }
        if (request.seed() != null) {
            options.put("seed", request.seed());
        }
        if (request.presencePenalty() != null) {
            options.put("presence_penalty", request.presencePenalty());
        }
        if (request.frequencyPenalty() != null) {
            options.put("frequency_penalty", request.frequencyPenalty());
        }
        return options;
    }

    private JsonNode format(JsonNode responseFormat) {
        if (!present(responseFormat)) {
            return null;
        }
        String type = responseFormat.path("type").asText("text");
        if (type.equals("json_object")) {
            return json.getNodeFactory().textNode("json");
        }
        if (type.equals("json_schema")) {
            JsonNode schema = responseFormat.path("json_schema").path("schema");
            // OpenAI lets the schema be omitted; the closest Ollama can do then is plain JSON mode.
            return schema.isObject() ? schema : json.getNodeFactory().textNode("json");
        }
        return null;
    }

    private boolean wantsTools(ChatRequest request) {
        JsonNode tools = request.tools();
        if (!present(tools) || !tools.isArray() || tools.isEmpty()) {
            return false;
        }
        JsonNode choice = request.toolChoice();
        if (!present(choice) || (choice.isTextual() && choice.asText().equals("auto"))) {
            return true;
        }
        if (choice.isTextual() && choice.asText().equals("none")) {
            return false;
        }
        throw rejected("tool_choice '" + (choice.isTextual() ? choice.asText() : "function")
                + "' cannot be enforced by Ollama; send tool_choice auto or none");
    }

    private ArrayNode messages(List<ChatMessage> messages) {
        ArrayNode out = json.createArrayNode();
        for (int i = 0; i < messages.size(); i++) {
            out.add(message(messages, i));
        }
        return out;
    }

    private ObjectNode message(List<ChatMessage> messages, int index) {
        ChatMessage message = messages.get(index);
        String at = "messages[" + index + "]";
        ObjectNode out = json.createObjectNode();
        out.put("role", role(message.role()));
        out.put("content", message.text());
        ArrayNode images = images(message.content(), at);
        if (!images.isEmpty()) {
            out.set("images", images);
        }
        if (present(message.toolCalls()) && message.toolCalls().isArray() && !message.toolCalls().isEmpty()) {
            out.set("tool_calls", toolCalls(message.toolCalls(), at));
        }
        if ("tool".equals(message.role()) || "function".equals(message.role())) {
            String toolName = message.name() != null ? message.name() : toolNameOf(messages, index);
            if (toolName != null) {
                out.put("tool_name", toolName);
            }
        }
        return out;
    }

    private static String role(String role) {
        if ("developer".equals(role)) {
            return "system";
        }
        return "function".equals(role) ? "tool" : role;
    }

    private ArrayNode images(JsonNode content, String at) {
        ArrayNode images = json.createArrayNode();
        if (content == null || !content.isArray()) {
            return images;
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            if (type.equals("text")) {
                continue;
            }
            if (!type.equals("image_url")) {
                throw rejected(at + " has a '" + type + "' content part; Ollama accepts only text and image_url");
            }
            JsonNode image = part.path("image_url");
            String url = image.isTextual() ? image.asText() : image.path("url").asText("");
            images.add(base64Of(url, at));
        }
        return images;
    }

    private String base64Of(String url, String at) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            throw rejected(at + " has an image that is not a base64 data: URL; Ollama accepts only data: URLs "
                    + "(data:image/png;base64,…), not remote image URLs");
        }
        return url.substring(comma + 1).strip();
    }

    private ArrayNode toolCalls(JsonNode toolCalls, String at) {
        ArrayNode out = json.createArrayNode();
        for (JsonNode call : toolCalls) {
            JsonNode function = call.path("function");
            ObjectNode translated = out.addObject().putObject("function");
            translated.put("name", function.path("name").asText());
            translated.set("arguments", arguments(function.path("arguments"), at));
        }
        return out;
    }

    /** OpenAI carries arguments as a JSON string; Ollama wants the object itself. */
    private JsonNode arguments(JsonNode arguments, String at) {
        if (arguments.isObject()) {
            return arguments;
        }
        if (arguments.isMissingNode() || arguments.isNull()
                || (arguments.isTextual() && arguments.asText().isBlank())) {
            return json.createObjectNode();
        }
        if (arguments.isTextual()) {
            try {
                JsonNode parsed = json.readTree(arguments.asText());
                if (parsed != null && parsed.isObject()) {
                    return parsed;
                }
            } catch (IOException notJson) {
                // reported below
            }
        }
        throw rejected(at + ".tool_calls[].function.arguments must be a JSON object (as a string)");
    }

    /** The function a tool result answers: the nearest earlier assistant call with that id. */
    private static String toolNameOf(List<ChatMessage> messages, int index) {
        String callId = messages.get(index).toolCallId();
        if (callId == null) {
            return null;
        }
        for (int i = index - 1; i >= 0; i--) {
            JsonNode calls = messages.get(i).toolCalls();
            if (!"assistant".equals(messages.get(i).role()) || calls == null || !calls.isArray()) {
                continue;
            }
            for (JsonNode call : calls) {
                if (callId.equals(call.path("id").asText(null))) {
                    return call.path("function").path("name").asText(null);
                }
            }
        }
        return null;
    }

    private ProviderException rejected(String detail) {
        return new ProviderException(new ProviderFailure.Rejected(providerId, 400, detail));
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }
}
