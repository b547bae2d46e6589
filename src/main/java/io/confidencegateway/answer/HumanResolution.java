package io.confidencegateway.answer;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.review.NewItem;
import io.confidencegateway.review.ReviewItem;

/**
 * How a person resolved a hand-off: the answer the customer finally got did not come from the AI, so it is shown
 * as written (or approved) by a person, beside the hand-off it replaced.
 *
 * @param answeredBy always {@code person}
 * @param action {@code edit} (the reviewer wrote the reply), {@code approve} (the reviewer sent the draft the
 *        gateway had held back) or {@code reject} (declined; the customer got no reply through the gateway)
 * @param text what the customer was sent; null for {@code reject}
 * @param note the same in words, for people reading the answer
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HumanResolution(String answeredBy, String reviewer, String action, String text, String reason,
        String note, Instant resolvedAt) {

    static final String PERSON = "person";

    /** How a frontend shows an answer a person wrote: no confidence colours, no disclaimer. */
    public static final UxTreatment UX = new UxTreatment("#2980b9", PERSON, null);

    /** The resolution of a resolved hand-off item; empty for review items and for items not yet resolved. */
    public static Optional<HumanResolution> of(ReviewItem item) {
        if (item == null || !NewItem.HANDOFF.equals(item.kind()) || !ReviewItem.RESOLVED.equals(item.status())) {
            return Optional.empty();
        }
        String who = item.resolvedBy();
        return Optional.of(switch (item.action() == null ? "" : item.action()) {
            case "edit" -> new HumanResolution(PERSON, who, "edit", item.finalText(), item.resolutionReason(),
                    "Written by " + who + " of the support team.", item.resolvedAt());
            case "approve" -> new HumanResolution(PERSON, who, "approve", item.draft(), item.resolutionReason(),
                    "Draft checked and approved by " + who + " of the support team.", item.resolvedAt());
            default -> new HumanResolution(PERSON, who, item.action(), null, item.resolutionReason(),
                    "Declined by " + who + " of the support team; no reply was sent through the gateway.",
                    item.resolvedAt());
        });
    }

    /** Whether the customer was sent a reply, which then replaces the hand-off message as the answer. */
    public boolean replied() {
        return text != null && !text.isBlank();
    }
}
