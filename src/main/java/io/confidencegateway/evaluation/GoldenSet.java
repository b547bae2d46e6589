package io.confidencegateway.evaluation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A product's golden set: the questions every candidate prompt version is evaluated on. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GoldenSet(String product, List<GoldenQuestion> questions, Instant updatedAt) {

    /** The body of {@code PUT /v1/products/{id}/golden-set}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Body(@Schema(required = true, minItems = 1, maxItems = GoldenSetValidator.MAX_QUESTIONS)
            List<GoldenQuestion> questions) {
    }
}
