package io.confidencegateway.prompt;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /v1/products/{id}/prompts}: a new version; only the instructions are required. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A new prompt version")
public record NewPrompt(
        @Schema(required = true, description = "System instructions replacing the shipped ones; the product's "
                + "preamble and the numbered passages are added around them",
                maxLength = PromptValidator.MAX_INSTRUCTIONS)
        String instructions,
        @Schema(description = "A model alias of GET /v1/models; default: the product's model") String model,
        @Schema(description = "Sampling temperature; default: gateway.answers.temperature", minimum = "0",
                maximum = "2") Double temperature,
        @Schema(description = "How many passages to retrieve; default: gateway.answers.passages", minimum = "1",
                maximum = "" + PromptValidator.MAX_PASSAGES) Integer passages,
        @Schema(description = "Why this version exists", maxLength = PromptValidator.MAX_NOTE) String note) {
}
