package io.confidencegateway.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Once the gateway is stopping (SIGTERM), refuses new API requests with a 503 that says to retry, so that only
 * requests already running are drained. Quarkus's own graceful shutdown ({@code quarkus.shutdown.timeout}) keeps
 * <em>serving</em> HTTP/1.1 requests that arrive while it waits (it only adds {@code Connection: close}) and stops
 * the server the moment its count of running requests first reaches zero: a request accepted a moment later was
 * read, run and committed while its connection was closed, so the client was told "failed" for a stored answer
 * (GracefulShutdownIT: 70 stored, 67 acknowledged). Refusing from the same moment Quarkus starts waiting closes that
 * window: a request that passed this filter was counted by Quarkus before the flag was raised, so it is waited for.
 *
 * <p>The flag is raised when Quarkus starts its pre-shutdown ({@link ShutdownDelayInitiatedEvent}), or after
 * {@code quarkus.shutdown.delay} when a delay is enabled, so that requests keep being served while a load balancer
 * still routes to the instance. {@code /q/*} (health, metrics) keeps answering: nothing is stored there, and probes
 * and the last scrape still see the instance.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);
    /** Before {@link UriLengthLimit} and the access filter: a stopping instance reads nothing it will not serve. */
    static final int ORDER = Integer.MIN_VALUE + 50;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Duration delay;

    public ShutdownDrain(ObjectMapper json, Vertx vertx,
            @ConfigProperty(name = "quarkus.shutdown.delay-enabled", defaultValue = "false") boolean delayEnabled,
            @ConfigProperty(name = "quarkus.shutdown.delay") java.util.Optional<Duration> delay) {
        this.json = json;
        this.vertx = vertx;
        this.delay = delayEnabled ? delay.filter(d -> !d.isNegative() && !d.isZero()).orElse(Duration.ZERO)
                : Duration.ZERO;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void stopping(@Observes ShutdownDelayInitiatedEvent event) {
        if (delay.isZero()) {
            start();
        } else {
            vertx.setTimer(delay.toMillis(), id -> start());
        }
    }

    /** Whether new API requests are refused (the instance is stopping). */
    public boolean draining() {
        return draining.get();
    }

    private void start() {
        if (draining.compareAndSet(false, true)) {
            LOG.info("Stopping: new API requests are answered 503 (retry elsewhere) while running ones finish");
        }
    }

    private void check(RoutingContext context) {
        String path = context.request().path();
        if (!draining.get() || path == null || path.startsWith("/q/")) {
            context.next();
            return;
        }
        String detail = "This gateway instance is shutting down and takes no new requests; nothing of this request "
                + "was stored. Send it again: another instance (or this one after its restart) answers it.";
        String encoded;
        try {
            encoded = json.writeValueAsString(ErrorSurface.body(path, 503, "Service Unavailable", detail,
                    "server_error", "shutting_down"));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("error body could not be encoded", impossible);
        }
        context.response().setStatusCode(503)
                .putHeader("Content-Type", ErrorSurface.contentType(path))
                .putHeader("Retry-After", "1")
                .putHeader("Connection", "close")
                .end(encoded);
    }
}
