package io.confidencegateway.review;

import java.util.UUID;

/**
 * The receipt for a queued item: what the answer pipeline shows the customer on a hand-off.
 *
 * @param id the review item id, which is the ticket reference
 * @param queuePosition 1-based position among pending items, oldest first, when it was queued; counted for hand-offs
 *        only (a customer waits on those), null for review items, whose count is a scan of the pending queue
 * @param message the polite customer-facing hand-off message, with the ticket reference filled in
 */
public record Ticket(UUID id, Integer queuePosition, String message) {
}
