package io.confidencegateway.prompt;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /v1/products/{id}/prompt-labels/{label}}: where the label points, and its share. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "Where a label points")
public record LabelMove(
        @Schema(required = true, description = "An existing version of the product", minimum = "1") Integer version,
        @Schema(description = "Percent of conversations this label takes from production (0-100; default 0). Must "
                + "be 0 or absent for production. The weights of all labels but production add up to at most 100.",
                minimum = "0", maximum = "100") Integer weight,
        @Schema(description = "A note on why the label moved (kept in the audit entry); required with force",
                maxLength = PromptValidator.MAX_NOTE) String reason,
        @Schema(description = "Move production even though the evaluation gate refuses it (admin only, audited)")
        Boolean force) {

    /** Whether the caller overrides the gate. */
    boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
