package io.confidencegateway.prompt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A movable pointer to a prompt version.
 *
 * @param label {@code production} (always set: the version everyone gets unless a weighted label takes them) or a
 *        name of the team's choosing ({@code canary}, {@code staging})
 * @param version the version it points at
 * @param weight the percentage of conversations it takes from production (0 for production itself, and for a label
 *        that only names a version, such as staging)
 * @param updatedAt when it last moved; null for the production label no one has moved yet
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PromptLabel(String label, int version, int weight, Instant updatedAt) {

    public static final String PRODUCTION = "production";

    /** The production label of a product whose label was never moved: the shipped prompt. */
    static PromptLabel shippedProduction() {
        return new PromptLabel(PRODUCTION, PromptVersion.SHIPPED, 0, null);
    }
}
