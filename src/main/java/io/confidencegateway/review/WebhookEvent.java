package io.confidencegateway.review;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The JSON body of a webhook call.
 *
 * @param type {@code review.handoff} (a person must answer) or {@code review.resolved} (a reviewer decided)
 * @param id the delivery id, the same on every retry of one event (also in {@code X-Gateway-Delivery})
 * @param createdAt when the event happened
 * @param item the review item as it stood then
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookEvent(String type, UUID id, Instant createdAt, ReviewItem item) {

    public static final String HANDOFF = "review.handoff";
    public static final String RESOLVED = "review.resolved";
}
