package io.confidencegateway.review;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The human review queue, hand-off tickets and the per-product webhooks. */
@ConfigMapping(prefix = "gateway")
public interface ReviewConfig {

    /** The review queue: {@code gateway.review.*}. */
    Review review();

    /**
     * Webhooks by product id: {@code gateway.webhooks."<product>".url} and {@code .secret}. A product without one
     * gets no events.
     */
    Map<String, Webhook> webhooks();

    /** The review queue. */
    interface Review {
        /**
         * What the customer is told when a person takes over; {@code {ticket}} is replaced by the ticket
         * reference (the review item id).
         */
        @WithDefault("Thanks for your patience. A member of our support team will follow up on this shortly. "
                + "Your reference is {ticket}.")
        String handoffMessage();

        /** How long a claim holds; after it anyone may take the item over. */
        @WithDefault("15m")
        Duration claimTimeout();

        /**
         * Time allowed for one webhook request (connect and response). Retries, and their waits, are
         * {@code gateway.webhook-outbox.*}.
         */
        @WithDefault("10s")
        Duration webhookTimeout();

        /** How often the queue depth and oldest-item gauges are refreshed from the database. */
        @WithDefault("15s")
        Duration metricsRefresh();
    }

    /** One product's webhook. */
    interface Webhook {
        /** Where events are POSTed; blank switches the webhook off. */
        Optional<String> url();

        /**
         * The HMAC-SHA256 key for {@code X-Gateway-Signature}; read it from the environment. Required when
         * {@code url} is set.
         */
        Optional<String> secret();
    }
}
