package io.confidencegateway.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A chat-completion request as OpenAI defines it. Fields the gateway does not model are kept in {@link #extra()}:
 * OpenAI-compatible upstreams (vLLM, LM Studio…) receive them verbatim, other adapters refuse them by name.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// @JsonIgnore on a record component hides it from writing only: a caller's "grounding" would still be read into it.
@JsonIgnoreProperties("grounding")
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        Boolean stream,
        StreamOptions streamOptions,
        Double temperature,
        Double topP,
        Integer n,
        Integer maxTokens,
        Integer maxCompletionTokens,
        /** A string or an array of strings. */
        JsonNode stop,
        Long seed,
        String user,
        Boolean logprobs,
        Integer topLogprobs,
        JsonNode responseFormat,
        JsonNode tools,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        Double presencePenalty,
        Double frequencyPenalty,
        JsonNode logitBias,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra,
        /**
         * The knowledge-base passages the prompt is grounded in, when the gateway built the prompt (null otherwise):
         * never on the wire — a model reads them in the prompt text — but handed as they are to a provider that
         * answers from passages without a model.
         */
        @JsonIgnore List<Passage> grounding) {

    public ChatRequest {
        extra = extra == null ? new LinkedHashMap<>() : extra;
    }

    /** A request as a caller sends it: no grounding passages of the gateway's own. */
    public ChatRequest(String model, List<ChatMessage> messages, Boolean stream, StreamOptions streamOptions,
            Double temperature, Double topP, Integer n, Integer maxTokens, Integer maxCompletionTokens, JsonNode stop,
            Long seed, String user, Boolean logprobs, Integer topLogprobs, JsonNode responseFormat, JsonNode tools,
            JsonNode toolChoice, Boolean parallelToolCalls, Double presencePenalty, Double frequencyPenalty,
            JsonNode logitBias, Map<String, JsonNode> extra) {
        this(model, messages, stream, streamOptions, temperature, topP, n, maxTokens, maxCompletionTokens, stop, seed,
                user, logprobs, topLogprobs, responseFormat, tools, toolChoice, parallelToolCalls, presencePenalty,
                frequencyPenalty, logitBias, extra, null);
    }

    /** The same request, grounded in these passages (see {@link #grounding()}). */
    public ChatRequest withGrounding(List<Passage> passages) {
        return new ChatRequest(model, messages, stream, streamOptions, temperature, topP, n, maxTokens,
                maxCompletionTokens, stop, seed, user, logprobs, topLogprobs, responseFormat, tools, toolChoice,
                parallelToolCalls, presencePenalty, frequencyPenalty, logitBias, extra, passages);
    }

    /** Whether the caller asked for a server-sent-event stream. */
    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    /** Whether the caller asked for token log probabilities. */
    public boolean wantsLogprobs() {
        return Boolean.TRUE.equals(logprobs);
    }

    /** The output-token limit, whichever of the two OpenAI names the caller used. */
    public Integer outputTokenLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    /** The stop sequences as a list, whether sent as one string or an array. */
    public List<String> stopSequences() {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        var sequences = new java.util.ArrayList<String>();
        stop.forEach(s -> sequences.add(s.asText()));
        return sequences;
    }

    /**
     * The same request addressed to an upstream model: for a stream, usage is always requested (the gateway
     * records it even when the caller did not ask for it); for a whole answer, the stream fields are dropped.
     */
    public ChatRequest upstream(String upstreamModel) {
        boolean streamed = streaming();
        return new ChatRequest(upstreamModel, messages, streamed ? Boolean.TRUE : null,
                streamed ? StreamOptions.WITH_USAGE : null, temperature, topP, n, maxTokens, maxCompletionTokens, stop,
                seed, user, logprobs, topLogprobs, responseFormat, tools, toolChoice, parallelToolCalls,
                presencePenalty, frequencyPenalty, logitBias, extra, grounding);
    }

    /** The same request as a stream ({@code true}) or a whole answer ({@code false}). */
    public ChatRequest withStream(boolean streamed) {
        return new ChatRequest(model, messages, streamed ? Boolean.TRUE : null, streamed ? streamOptions : null,
                temperature, topP, n, maxTokens, maxCompletionTokens, stop, seed, user, logprobs, topLogprobs,
                responseFormat, tools, toolChoice, parallelToolCalls, presencePenalty, frequencyPenalty, logitBias,
                extra, grounding);
    }

    /** The same request without token log probabilities. */
    public ChatRequest withoutLogprobs() {
        return new ChatRequest(model, messages, stream, streamOptions, temperature, topP, n, maxTokens,
                maxCompletionTokens, stop, seed, user, null, null, responseFormat, tools, toolChoice, parallelToolCalls,
                presencePenalty, frequencyPenalty, logitBias, extra, grounding);
    }

    /** {@code stream_options}: whether the final chunk reports usage. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamOptions(Boolean includeUsage) {
        public static final StreamOptions WITH_USAGE = new StreamOptions(true);

        public boolean usageRequested() {
            return Boolean.TRUE.equals(includeUsage);
        }
    }
}
