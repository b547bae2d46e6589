package io.confidencegateway.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Checks in the background whether keyless self-hosted providers (Ollama, OpenAI-compatible servers on your own
 * URL) are up, so that {@code GET /v1/models} does not call a model "available" that nobody runs. One GET per
 * provider every {@code gateway.routing.probe-interval}, on Vert.x timers; requests never wait for it. Vendors
 * behind an API key are not probed (a key is the best sign one has before the first call).
 */
@ApplicationScoped
public class ProviderProbe {

    private final Vertx vertx;
    private final ProviderRegistry registry;
    private final ProvidersConfig config;
    private HttpClient client;
    private long timer = -1;

    public ProviderProbe(Vertx vertx, ProviderRegistry registry, ProvidersConfig config) {
        this.vertx = vertx;
        this.registry = registry;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        long every = config.routing().probeInterval().toMillis();
        if (registry.probeUrls().isEmpty() || every <= 0) {
            return;
        }
        long timeout = config.routing().probeTimeout().toMillis();
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout)
                .setKeepAlive(false).setName("provider-probe"));
        probeAll();
        timer = vertx.setPeriodic(every, id -> probeAll());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (client != null) {
            client.close();
        }
    }

    private void probeAll() {
        registry.probeUrls().forEach(this::probe);
    }

    private void probe(String name, String url) {
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                    .setTimeout(config.routing().probeTimeout().toMillis());
        } catch (RuntimeException malformed) {
            record(name, false, "the base URL is not a valid URL");
            return;
        }
        client.request(options)
                .compose(request -> request.send())
                .onSuccess(response -> {
                    int status = response.statusCode();
                    response.body();
                    record(name, status < 500, "HTTP " + status + " from " + origin(url));
                })
                .onFailure(failure -> record(name, false, describe(failure) + " at " + origin(url)));
    }

    /**
     * Where the probe went, as {@code scheme://host:port} only: {@code status_reason} is public on
     * {@code /v1/models}, and a base URL may carry credentials ({@code user:pass@host}, {@code ?key=…}) or a path
     * that names a tenant.
     */
    static String origin(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "the configured base URL";
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getScheme() + "://" + uri.getHost() + ":" + port;
        } catch (URISyntaxException malformed) {
            return "the configured base URL";
        }
    }

    private void record(String name, boolean reachable, String detail) {
        registry.recordReachability(name, new ProviderRegistry.Reachability(reachable, detail, Instant.now()));
    }

    private static String describe(Throwable failure) {
        String text = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (text.contains("refused")) {
            return "connection refused";
        }
        if (text.contains("timeout") || text.contains("timed out")) {
            return "no answer within the probe timeout";
        }
        return "not reachable";
    }
}
