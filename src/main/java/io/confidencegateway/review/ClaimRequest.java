package io.confidencegateway.review;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reviewer taking an item; until API keys arrive, the reviewer names themself. */
@Schema(description = "Who claims the item")
public record ClaimRequest(@Schema(description = "The reviewer's name", required = true) String reviewer) {
}
