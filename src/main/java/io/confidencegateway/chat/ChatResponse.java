package io.confidencegateway.chat;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A complete chat completion ({@code object: "chat.completion"}). {@code gateway} is the gateway's envelope,
 * set by the gateway on the way out and never by a provider.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatResponse(String id, String object, long created, String model, List<Choice> choices,
        Usage usage, String systemFingerprint, String serviceTier, Object gateway) {

    public static final String OBJECT = "chat.completion";

    /** One alternative answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(int index, ChatMessage message, String finishReason, Logprobs logprobs) {
    }

    /** The text of the first choice, or "" when there is none. */
    public String firstText() {
        return choices == null || choices.isEmpty() || choices.get(0).message() == null ? ""
                : choices.get(0).message().text();
    }

    public ChatResponse withIdentity(String newId, String newModel, Usage newUsage, Object envelope) {
        return new ChatResponse(newId, OBJECT, created, newModel, choices, newUsage, systemFingerprint, serviceTier,
                envelope);
    }
}
