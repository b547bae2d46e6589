package io.confidencegateway.review;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.store.Ids;
import io.confidencegateway.metrics.GatewayMetrics;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Sends review events to each product's webhook on Vert.x's non-blocking client: signed with HMAC-SHA256 over the
 * exact body bytes, retried with back-off on network errors, 5xx and 429, then given up and counted. Sending never
 * waits for the receiver; callers fire and forget. Created at startup so that a webhook without a secret stops the
 * gateway instead of sending unsigned events.
 */
@Startup
@ApplicationScoped
public class WebhookSender {

    /** The signature header: {@code sha256=<hex HMAC-SHA256 of the body with the product's secret>}. */
    public static final String SIGNATURE = "X-Gateway-Signature";
    public static final String EVENT = "X-Gateway-Event";
    public static final String DELIVERY = "X-Gateway-Delivery";

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final Vertx vertx;
    private final HttpClient client;
    private final Map<String, ReviewConfig.Webhook> hooks;
    private final List<Duration> retryDelays;
    private final Duration timeout;
    private final GatewayMetrics metrics;
    private final ObjectMapper json;

    public WebhookSender(Vertx vertx, ReviewConfig config, GatewayMetrics metrics, ObjectMapper json) {
        this.vertx = vertx;
        this.hooks = config.webhooks();
        this.retryDelays = List.copyOf(config.review().webhookRetryDelays());
        this.timeout = config.review().webhookTimeout();
        this.metrics = metrics;
        this.json = json;
        hooks.forEach(WebhookSender::check);
        this.client = vertx.createHttpClient(new HttpClientOptions().setName("webhooks")
                .setConnectTimeout((int) timeout.toMillis()));
    }

    /** Sends the event to the item's product webhook, if it has one; returns at once and never throws. */
    public void send(String type, ReviewItem item) {
        try {
            deliver(type, item);
        } catch (RuntimeException unexpected) {
            // The item is already committed; a webhook problem must not turn that into a failed request.
            LOG.errorf(unexpected, "Webhook %s for review item %s could not be sent", type, item.id());
            metrics.countWebhookDelivery(item.product(), type, "failed");
        }
    }

    private void deliver(String type, ReviewItem item) {
        ReviewConfig.Webhook hook = hooks.get(item.product());
        String url = hook == null ? null : hook.url().filter(u -> !u.isBlank()).orElse(null);
        if (url == null) {
            return;
        }
        var event = new WebhookEvent(type, Ids.next(), Instant.now(), item);
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(event));
        } catch (JsonProcessingException impossible) {
            LOG.errorf(impossible, "Webhook event %s for review item %s could not be encoded", type, item.id());
            metrics.countWebhookDelivery(item.product(), type, "failed");
            return;
        }
        var delivery = new Delivery(item.product(), type, event.id().toString(), url, body,
                sign(hook.secret().orElseThrow(), body.getBytes()));
        attempt(delivery, 0);
    }

    /** {@code sha256=<hex>}: the HMAC-SHA256 of the bytes with the secret, as receivers recompute it. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is unavailable", impossible);
        }
    }

    private record Delivery(String product, String type, String id, String url, Buffer body, String signature) {
    }

    private void attempt(Delivery delivery, int retriesDone) {
        var options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(delivery.url())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(SIGNATURE, delivery.signature())
                .putHeader(EVENT, delivery.type())
                .putHeader(DELIVERY, delivery.id());
        client.request(options)
                .compose(request -> request.send(delivery.body()))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(done -> {
                    int status = done.succeeded() ? done.result() : 0;
                    if (status >= 200 && status < 300) {
                        metrics.countWebhookDelivery(delivery.product(), delivery.type(), "delivered");
                        return;
                    }
                    String why = done.succeeded() ? "HTTP " + status : String.valueOf(done.cause());
                    boolean retryable = status == 0 || status == 429 || status >= 500;
                    if (retryable && retriesDone < retryDelays.size()) {
                        metrics.countWebhookDelivery(delivery.product(), delivery.type(), "retried");
                        LOG.debugf("Webhook %s for %s failed (%s); retrying", delivery.id(), delivery.product(), why);
                        vertx.setTimer(Math.max(1, retryDelays.get(retriesDone).toMillis()),
                                timer -> attempt(delivery, retriesDone + 1));
                    } else {
                        metrics.countWebhookDelivery(delivery.product(), delivery.type(), "failed");
                        LOG.warnf("Webhook %s (%s) for product %s given up after %d attempt(s): %s", delivery.id(),
                                delivery.type(), delivery.product(), retriesDone + 1, why);
                    }
                });
    }

    private static void check(String product, ReviewConfig.Webhook hook) {
        String url = hook.url().filter(u -> !u.isBlank()).orElse(null);
        if (url == null) {
            return;
        }
        URI parsed;
        try {
            parsed = URI.create(url);
        } catch (IllegalArgumentException bad) {
            throw new IllegalStateException("gateway.webhooks.\"" + product + "\".url is not a URL: " + url);
        }
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalStateException("gateway.webhooks.\"" + product + "\".url must be http(s): " + url);
        }
        if (hook.secret().filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("gateway.webhooks.\"" + product + "\".url is set but .secret is not: "
                    + "events are signed; set the secret from the environment, e.g. ${" + envName(product) + ":}");
        }
    }

    private static String envName(String product) {
        return "WEBHOOK_SECRET_" + product.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
