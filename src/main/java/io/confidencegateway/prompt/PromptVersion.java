package io.confidencegateway.prompt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.answer.AnswerPrompt;

/**
 * One immutable version of a product's prompt.
 *
 * @param product the product it belongs to
 * @param version 1 is the shipped prompt of every product; created versions count up from 2
 * @param instructions the system instructions that replace the shipped ones (the product's preamble and the numbered
 *        passages are added around them)
 * @param model the model alias to ask, or null for the product's own
 * @param temperature the sampling temperature, or null for the gateway's default
 * @param passages how many knowledge-base passages to retrieve, or null for the gateway's default
 * @param note why the version exists, for people
 * @param createdAt when it was created; null for version 1, which ships with the gateway
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PromptVersion(String product, int version, String instructions, String model, Double temperature,
        Integer passages, String note, Instant createdAt) {

    /** The version every product starts with. */
    public static final int SHIPPED = AnswerPrompt.VERSION;

    /** Version 1 of a product: the prompt compiled into the gateway, with the product's model and defaults. */
    public static PromptVersion shipped(String product) {
        return new PromptVersion(product, SHIPPED, AnswerPrompt.SHIPPED_INSTRUCTIONS, null, null, null,
                "the prompt that ships with the gateway", null);
    }
}
