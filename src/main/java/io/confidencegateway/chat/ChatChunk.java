package io.confidencegateway.chat;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One streamed chunk ({@code object: "chat.completion.chunk"}). A chunk with empty {@code choices} and a
 * {@code usage} is the final usage report. {@code gateway} is set by the gateway on the finish chunk and on the usage chunk after it, never earlier.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
        Usage usage, String systemFingerprint, Object gateway) {

    public static final String OBJECT = "chat.completion.chunk";

    /** One choice's increment. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChunkChoice(int index, Delta delta, String finishReason, Logprobs logprobs) {
    }

    /** What a chunk adds to the message: text, tool-call fragments, or the role on the first chunk. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delta(String role, String content, JsonNode toolCalls, String refusal) {
    }

    public static ChatChunk of(String id, long created, String model, List<ChunkChoice> choices, Usage usage) {
        return new ChatChunk(id, OBJECT, created, model, choices, usage, null, null);
    }

    /** The same chunk re-addressed for the gateway's client (its id and model alias). */
    public ChatChunk withIdentity(String newId, String newModel) {
        return new ChatChunk(newId, OBJECT, created, newModel, choices, usage, systemFingerprint, gateway);
    }

    public ChatChunk withUsageAndEnvelope(List<ChunkChoice> newChoices, Usage newUsage, Object envelope) {
        return new ChatChunk(id, OBJECT, created, model, newChoices, newUsage, systemFingerprint, envelope);
    }

    /** The text this chunk adds to the first choice, or null. */
    public String textDelta() {
        if (choices == null || choices.isEmpty() || choices.get(0).delta() == null) {
            return null;
        }
        return choices.get(0).delta().content();
    }

    /** The finish reason this chunk carries for any choice, or null. */
    public String finishReason() {
        if (choices == null) {
            return null;
        }
        for (ChunkChoice choice : choices) {
            if (choice.finishReason() != null) {
                return choice.finishReason();
            }
        }
        return null;
    }
}
