package io.confidencegateway.evaluation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One question of a product's golden set.
 *
 * @param question what a customer asks
 * @param sources the knowledge-base sources (document file names) a good answer cites; citing any one is a hit
 * @param reference a good answer, to measure the overlap of an answer with; null when there is none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GoldenQuestion(
        @Schema(required = true, maxLength = GoldenSetValidator.MAX_QUESTION) String question,
        @Schema(required = true, minItems = 1, description = "Document file names, e.g. refund_policy.md")
        List<String> sources,
        @Schema(description = "A good answer (optional)", maxLength = GoldenSetValidator.MAX_REFERENCE)
        String reference) {
}
