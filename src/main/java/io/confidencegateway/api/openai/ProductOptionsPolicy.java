package io.confidencegateway.api.openai;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.inference.GatewayError;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;

/**
 * Which chat-completion options a product answer can honour. A product answer is one grounded text answer with
 * citations from the product's knowledge base, written by the product's model route; an option that asks for
 * something else (tool calls, JSON, several choices, token probabilities, another modality) is refused by name
 * rather than silently ignored, so that a client never mistakes prose for what it asked for.
 *
 * <p>Honoured: {@code model}, {@code messages} (text), {@code stream}, {@code stream_options}, {@code temperature},
 * {@code top_p}, {@code max_tokens} / {@code max_completion_tokens}, {@code stop}, {@code seed}, {@code user}.
 * Accepted because they change nothing: {@code n: 1}, {@code response_format: {"type": "text"}},
 * {@code tools: []}, {@code tool_choice: "none"}, {@code parallel_tool_calls} (there are no tools), {@code logprobs:
 * false}, zero penalties, an empty {@code logit_bias}, and the request-level hints in {@link #HARMLESS_EXTRAS}.
 * Everything else is refused.
 */
public final class ProductOptionsPolicy {

    /** Fields outside OpenAI's core set that only label or bill the request: they do not change the answer. */
    static final Set<String> HARMLESS_EXTRAS = Set.of("metadata", "store", "service_tier", "prompt_cache_key",
            "prompt_cache_retention", "safety_identifier");

    private static final String GROUNDED = "a product answer is grounded text with citations from its knowledge "
            + "base";

    /**
     * One refused option: when the request uses it, why a product cannot honour it, how to ask the product
     * instead, and what calling a model alias directly would give.
     */
    private record Rule(String param, Predicate<ChatRequest> used, String why, String instead, String direct) {
    }

    /** Fields outside OpenAI's core set that the rules below judge by value. */
    private static final Set<String> JUDGED_EXTRAS = Set.of("functions", "function_call", "modalities", "audio");

    private static final List<Rule> RULES = List.of(
            new Rule("n", r -> r.n() != null && r.n() > 1,
                    "a product gives one grounded answer per question",
                    "send n: 1 (or leave it out) and repeat the request for another answer", "several choices"),
            new Rule("tools", r -> present(r.tools()) && !(r.tools().isArray() && r.tools().isEmpty()),
                    GROUNDED + ", never a tool call",
                    "leave out tools", "tool calls"),
            new Rule("tool_choice", r -> present(r.toolChoice()) && !"none".equals(r.toolChoice().asText(null)),
                    GROUNDED + ", never a tool call",
                    "leave out tool_choice", "tool calls"),
            new Rule("functions", r -> present(r.extra().get("functions")),
                    GROUNDED + ", never a function call",
                    "leave out functions", "function calls"),
            new Rule("function_call", r -> present(r.extra().get("function_call"))
                    && !"none".equals(r.extra().get("function_call").asText(null)),
                    GROUNDED + ", never a function call",
                    "leave out function_call", "function calls"),
            new Rule("response_format", r -> present(r.responseFormat())
                    && !"text".equals(r.responseFormat().path("type").asText()),
                    GROUNDED + ", not JSON (its citations are in the 'gateway' object)",
                    "leave out response_format or send {\"type\": \"text\"}", "JSON output"),
            new Rule("logprobs", r -> r.wantsLogprobs(),
                    "a product answer's token probabilities feed its confidence score and are not returned",
                    "leave out logprobs (the answer's confidence is in gateway.confidence)",
                    "token log probabilities"),
            new Rule("top_logprobs", r -> r.topLogprobs() != null,
                    "a product answer's token probabilities feed its confidence score and are not returned",
                    "leave out top_logprobs (the answer's confidence is in gateway.confidence)",
                    "token log probabilities"),
            new Rule("logit_bias", r -> present(r.logitBias()) && !r.logitBias().isEmpty(),
                    "the product's prompt decides the wording of a grounded answer; token biases are not passed on",
                    "leave out logit_bias", "token biases"),
            new Rule("presence_penalty", r -> r.presencePenalty() != null && r.presencePenalty() != 0,
                    "the product's prompt decides the wording of a grounded answer; penalties are not passed on",
                    "leave out presence_penalty", "penalties"),
            new Rule("frequency_penalty", r -> r.frequencyPenalty() != null && r.frequencyPenalty() != 0,
                    "the product's prompt decides the wording of a grounded answer; penalties are not passed on",
                    "leave out frequency_penalty", "penalties"),
            new Rule("modalities", r -> present(r.extra().get("modalities"))
                    && !textOnly(r.extra().get("modalities")),
                    GROUNDED + ", not audio",
                    "leave out modalities or send [\"text\"]", "audio output"),
            new Rule("audio", r -> present(r.extra().get("audio")),
                    GROUNDED + ", not audio",
                    "leave out audio", "audio output"),
            new Rule("messages", ProductOptionsPolicy::hasNonTextPart,
                    "a product answers text questions from its knowledge base; image, audio and file parts are not "
                            + "read",
                    "send the question as text", "image, audio or file input"));

    private ProductOptionsPolicy() {
    }

    /**
     * The first option of the request that a product answer cannot honour, if any, as an unsupported parameter
     * naming it, saying why, and what to send instead: the same request with that option left out, or the option
     * sent to a model alias directly.
     */
    public static Optional<GatewayError> refusal(ChatRequest request, String productId) {
        for (Rule rule : RULES) {
            if (rule.used().test(request)) {
                return Optional.of(refuse(rule.param(), productId, rule.why(), rule.instead(), rule.direct()));
            }
        }
        for (String name : request.extra().keySet()) {
            if (!HARMLESS_EXTRAS.contains(name) && !JUDGED_EXTRAS.contains(name)) {
                return Optional.of(refuse(name, productId, "the product's spec and model route decide how it "
                        + "answers, and this option is not passed on", "leave out " + name, "'" + name + "'"));
            }
        }
        return Optional.empty();
    }

    private static GatewayError refuse(String param, String productId, String why, String instead, String direct) {
        return new GatewayError.Unsupported(param, "'" + param + "' cannot be used with product '" + productId
                + "': " + why + ". To ask the product, " + instead + "; for " + direct + ", call a model alias "
                + "directly (a model from GET /v1/models, without X-Gateway-Product or the product/ prefix).");
    }

    private static boolean textOnly(JsonNode modalities) {
        if (!modalities.isArray()) {
            return false;
        }
        for (JsonNode modality : modalities) {
            if (!"text".equals(modality.asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNonTextPart(ChatRequest request) {
        if (request.messages() == null) {
            return false;
        }
        for (ChatMessage message : request.messages()) {
            if (message != null && message.content() != null && message.content().isArray()) {
                for (JsonNode part : message.content()) {
                    if (!"text".equals(part.path("type").asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }
}
