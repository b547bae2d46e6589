package io.confidencegateway.api;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Once the gateway is stopping (SIGTERM), refuses new API requests with a 503 that says to retry, so that only
 * requests already running are drained. Quarkus's own graceful shutdown ({@code quarkus.shutdown.timeout}) keeps
 * <em>serving</em> HTTP/1.1 requests that arrive while it waits (it only adds {@code Connection: close}) and stops
 * the server the moment its count of running requests first reaches zero: a request accepted a moment later was
 * read, run and committed while its connection was closed, so the client was told "failed" for a stored answer
 * (GracefulShutdownIT: 70 stored, 67 acknowledged). Refusing from the moment Quarkus starts waiting closes that
 * window: a request that passed this filter was counted by Quarkus before the refusal began, so it is waited for.
 *
 * <p>Quarkus's pre-shutdown event ({@link ShutdownDelayInitiatedEvent}, built in by
 * {@code quarkus.shutdown.delay-enabled=true}) fires before its optional {@code quarkus.shutdown.delay} and its
 * wait; the refusal starts at that event plus the delay as Quarkus applies it (at least 1 ms, never in dev mode),
 * measured from the event, so it always begins before Quarkus's own sleep ends. {@code /q/*} (health, metrics) keeps
 * answering: nothing is stored there, and probes and the last scrape still see the instance.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);
    /** Before {@link UriLengthLimit} and the access filter: a stopping instance reads nothing it will not serve. */
    static final int ORDER = Integer.MIN_VALUE + 50;

    private final ObjectMapper json;
    private final long delayNanos;
    private final LongSupplier nanoTime;
    private volatile boolean stopping;
    private volatile long refuseFrom;

    @Inject
    public ShutdownDrain(ObjectMapper json, @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this(json, delay, LaunchMode.current() == LaunchMode.DEVELOPMENT, System::nanoTime);
    }

    ShutdownDrain(ObjectMapper json, Optional<Duration> delay, boolean devMode, LongSupplier nanoTime) {
        this.json = json;
        // As ShutdownConfig.isDelayEnabled: a delay under 1 ms, or any delay in dev mode, is no delay.
        this.delayNanos = devMode ? 0 : delay.filter(d -> d.toMillis() > 0).map(Duration::toNanos).orElse(0L);
        this.nanoTime = nanoTime;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void stopping(@Observes ShutdownDelayInitiatedEvent event) {
        refuseFrom = nanoTime.getAsLong() + delayNanos;
        stopping = true;
        LOG.infof("Stopping: new API requests are answered 503 (retry elsewhere)%s while running ones finish",
                delayNanos == 0 ? "" : " after " + Duration.ofNanos(delayNanos).toMillis() + " ms");
    }

    /** Whether new API requests are refused now (the instance is stopping and any delay has passed). */
    boolean draining() {
        return stopping && nanoTime.getAsLong() - refuseFrom >= 0;
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (!draining() || path == null || path.startsWith("/q/")) {
            context.next();
            return;
        }
        String detail = "This gateway instance is shutting down and takes no new requests; nothing of this request "
                + "was stored. Send it again: another instance (or this one after its restart) answers it.";
        var response = context.response().putHeader("Retry-After", "1");
        HttpVersion version = context.request().version();
        if (version == HttpVersion.HTTP_1_1 || version == HttpVersion.HTTP_1_0) {
            // HTTP/2 forbids connection-specific headers (RFC 9113 8.2.2); there Quarkus sends GOAWAY itself.
            response.putHeader("Connection", "close");
        }
        ErrorSurface.end(response, json, path, 503, "Service Unavailable", detail, "server_error", "shutting_down");
    }
}
