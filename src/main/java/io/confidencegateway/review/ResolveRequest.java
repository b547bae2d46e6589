package io.confidencegateway.review;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reviewer's verdict on an item they hold. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "The verdict on a claimed item")
public record ResolveRequest(
        @Schema(description = "The reviewer who holds the claim", required = true) String reviewer,
        @Schema(description = "approve (send the draft as is), edit (send final_text instead) or reject (the "
                + "draft was wrong)", required = true, enumeration = { "approve", "edit", "reject" }) String action,
        @Schema(description = "What was actually sent; required for edit") String finalText,
        @Schema(description = "Why, in the reviewer's words") String reason) {
}
