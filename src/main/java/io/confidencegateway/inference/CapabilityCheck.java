package io.confidencegateway.inference;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.provider.Capability;

/**
 * Whether a provider can honour every parameter a request uses: routing keeps the targets that can, and a request
 * no target can serve is refused naming the parameter and what to send instead.
 */
public final class CapabilityCheck {

    private CapabilityCheck() {
    }

    /** The first parameter the provider cannot honour, if any. */
    public static Optional<GatewayError> unsupported(ChatRequest request, String provider, Set<Capability> can) {
        if (request.streaming() && !can.contains(Capability.STREAMING)) {
            return unsupported("stream", provider, "send stream: false");
        }
        if ((hasItems(request.tools()) || present(request.toolChoice()) || request.parallelToolCalls() != null)
                && !can.contains(Capability.TOOLS)) {
            return unsupported("tools", provider, "leave out tools and tool_choice");
        }
        if ((request.wantsLogprobs() || request.topLogprobs() != null) && !can.contains(Capability.LOGPROBS)) {
            return unsupported("logprobs", provider, "leave out logprobs and top_logprobs");
        }
        String format = present(request.responseFormat()) ? request.responseFormat().path("type").asText() : "text";
        if (format.equals("json_object") && !can.contains(Capability.JSON_MODE)) {
            return unsupported("response_format", provider, "ask for JSON in the prompt instead");
        }
        if (format.equals("json_schema") && !can.contains(Capability.JSON_SCHEMA)) {
            return unsupported("response_format", provider, "use {\"type\":\"json_object\"} or the prompt");
        }
        if (request.seed() != null && !can.contains(Capability.SEED)) {
            return unsupported("seed", provider, "leave out seed");
        }
        if (request.n() != null && request.n() > 1 && !can.contains(Capability.MULTIPLE_CHOICES)) {
            return unsupported("n", provider, "send n: 1 and repeat the request for more answers");
        }
        if ((request.presencePenalty() != null || request.frequencyPenalty() != null)
                && !can.contains(Capability.PENALTIES)) {
            return unsupported(request.presencePenalty() != null ? "presence_penalty" : "frequency_penalty", provider,
                    "leave out presence_penalty and frequency_penalty");
        }
        if (present(request.logitBias()) && !can.contains(Capability.LOGIT_BIAS)) {
            return unsupported("logit_bias", provider, "leave out logit_bias");
        }
        if (!can.contains(Capability.IMAGES) && request.messages().stream().anyMatch(CapabilityCheck::hasImage)) {
            return unsupported("messages", provider, "send text content only (image parts are not supported)");
        }
        if (!request.extra().isEmpty() && !can.contains(Capability.EXTRA_PARAMETERS)) {
            String name = request.extra().keySet().iterator().next();
            return unsupported(name, provider, "leave it out; it is not an OpenAI chat-completions parameter the "
                    + "gateway can translate");
        }
        return Optional.empty();
    }

    private static boolean hasImage(ChatMessage message) {
        if (message.content() == null || !message.content().isArray()) {
            return false;
        }
        for (JsonNode part : message.content()) {
            if (!"text".equals(part.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<GatewayError> unsupported(String param, String provider, String instead) {
        return Optional.of(new GatewayError.Unsupported(param, "'" + param + "' is not supported by provider '"
                + provider + "'; " + instead));
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static boolean hasItems(JsonNode node) {
        return present(node) && node.isArray() && !node.isEmpty();
    }
}
