package io.confidencegateway.review;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The durable webhook outbox: how often replicas look for due deliveries and how failed ones are retried. */
@ConfigMapping(prefix = "gateway.webhook-outbox")
public interface WebhookOutboxConfig {

    /**
     * How often each replica looks for due deliveries (new ones, retries whose wait is over, and claims left by a
     * replica that stopped). A replica sends the events it stores itself at once, without waiting for this.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Attempts per delivery, the first included; after the last failed one the delivery is given up: its row is
     * marked {@code failed}, {@code gateway_webhook_deliveries_total{outcome="failed"}} counts it and a warning is
     * logged.
     */
    @WithDefault("8")
    int maxAttempts();

    /** The wait after the first failed attempt; each further wait is the previous one times the multiplier. */
    @WithDefault("1s")
    Duration firstRetryWait();

    /** What each wait is multiplied by for the next one (1 waits the same every time). */
    @WithDefault("4")
    double retryMultiplier();

    /** The longest wait between two attempts, whatever the multiplier says. */
    @WithDefault("10m")
    Duration maxRetryWait();

    /**
     * How long a replica holds a delivery it is sending; after that another replica may send it (the first one
     * stopped mid-call). It must be more than {@code gateway.review.webhook-timeout} plus half a second (the
     * gateway refuses to start otherwise), and no send starts that could outlast its claim.
     */
    @WithDefault("1m")
    Duration claimLease();

    /**
     * Deliveries one replica sends at the same time; it claims no more than it has free slots for, so a backlog is
     * worked off at this many at once instead of being claimed whole and re-claimed while it queues. Also the webhook
     * client's connection pool per receiver host, so a claimed delivery never waits for a connection.
     */
    @WithDefault("5")
    int maxInFlight();

    /** How long delivered and given-up rows are kept for inspection before they are deleted. */
    @WithDefault("7d")
    Duration retention();
}
