package io.confidencegateway.pipeline;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How product answers are produced. */
// Checked at start (Hibernate Validator): since the request check runs once, in the API, nothing checks the
// pipeline's own request at call time, and a bad value here would make every answer a hand-off.
@ConfigMapping(prefix = "gateway.answers")
public interface AnswersConfig {

    /** Passages retrieved per question and shown to the model. */
    @WithDefault("5")
    @Min(1)
    @Max(20)
    int passages();

    /** Longest question accepted, in characters (longer gets 400). */
    @WithDefault("4000")
    int maxQuestionChars();

    /** Earlier conversation turns kept in the prompt at most. */
    @WithDefault("10")
    int maxTurns();

    /** The alias that ends every product route: answers from the passages even when every model fails. */
    @WithDefault("extractive")
    String lastResort();

    /** Output-token limit of a product answer. */
    @WithDefault("512")
    @Min(1)
    int maxTokens();

    /** Sampling temperature of a product answer (low: answers should be repeatable). */
    @WithDefault("0.1")
    @DecimalMin("0")
    @DecimalMax("2")
    double temperature();
}
