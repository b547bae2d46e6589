package io.confidencegateway.review;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Posts one stored webhook delivery to its product's receiver on Vert.x's non-blocking client: signed with
 * HMAC-SHA256 over the exact body bytes, with the delivery id in {@code Webhook-Id} and {@code X-Gateway-Delivery}
 * (the same on every attempt, and the {@code id} of the body) so that receivers can deduplicate. Whether and when to
 * try again is {@link WebhookOutbox}'s business. Created at startup so that a webhook without a secret stops the
 * gateway instead of sending unsigned events.
 */
@Startup
@ApplicationScoped
public class WebhookSender {

    /** The signature header: {@code sha256=<hex HMAC-SHA256 of the body with the product's secret>}. */
    public static final String SIGNATURE = "X-Gateway-Signature";
    public static final String EVENT = "X-Gateway-Event";
    public static final String DELIVERY = "X-Gateway-Delivery";
    /** The delivery id again, under the name the Standard Webhooks convention gives it. */
    public static final String WEBHOOK_ID = "Webhook-Id";

    private final HttpClient client;
    private final Map<String, ReviewConfig.Webhook> hooks;
    private final Duration timeout;

    public WebhookSender(Vertx vertx, ReviewConfig config, WebhookOutboxConfig outbox) {
        this.hooks = config.webhooks();
        this.timeout = config.review().webhookTimeout();
        hooks.forEach(WebhookSender::check);
        // As many connections per host as the outbox sends at once, and a wait queue no longer: a request that would
        // wait for a connection fails at once instead of queueing without bound behind a hanging receiver.
        int connections = Math.max(1, outbox.maxInFlight());
        this.client = vertx.createHttpClient(new HttpClientOptions().setName("webhooks")
                .setConnectTimeout((int) timeout.toMillis()),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(connections));
    }

    /** Whether the product has a webhook to send its events to. */
    public boolean hooked(String product) {
        return url(product) != null;
    }

    /**
     * POSTs the body to the product's webhook; completes with the HTTP status, or 0 when there was no response
     * (refused, reset, timed out) or the product has no webhook any more. Never fails, and completes within
     * {@code gateway.review.webhook-timeout} of the call: the time waiting for a pooled connection, connecting,
     * sending and reading the response all count.
     */
    public Future<Integer> post(String product, String type, UUID id, String body) {
        String url = url(product);
        if (url == null) {
            return Future.succeededFuture(0);
        }
        Buffer bytes = Buffer.buffer(body);
        var options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(SIGNATURE, sign(hooks.get(product).secret().orElseThrow(), bytes.getBytes()))
                .putHeader(EVENT, type)
                .putHeader(DELIVERY, id.toString())
                .putHeader(WEBHOOK_ID, id.toString());
        long started = System.nanoTime();
        return client.request(options)
                .compose(request -> {
                    long left = Math.max(1, timeout.toMillis() - (System.nanoTime() - started) / 1_000_000);
                    return request.send(bytes)
                            .compose(response -> response.body().map(ignored -> response.statusCode()))
                            .timeout(left, TimeUnit.MILLISECONDS)
                            // A receiver still trickling when the time is up loses the connection, so it goes back
                            // to the pool's count instead of staying busy.
                            .onFailure(late -> request.reset());
                })
                .recover(failure -> Future.succeededFuture(0));
    }

    private String url(String product) {
        ReviewConfig.Webhook hook = hooks.get(product);
        return hook == null ? null : hook.url().filter(u -> !u.isBlank()).orElse(null);
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
