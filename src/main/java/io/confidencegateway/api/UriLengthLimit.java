package io.confidencegateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a too-long URI with a 414 that says so, in the path's error shape. The HTTP codec's own limit
 * ({@code quarkus.http.limits.max-initial-line-length}) answers an empty 414 with no content type before any
 * handler runs and offers no hook, so it is set well above {@code gateway.http.max-uri-length} and this route,
 * first in the router, applies the real limit.
 */
@ApplicationScoped
public class UriLengthLimit {

    private final ObjectMapper json;
    private final int maxUriLength;

    public UriLengthLimit(ObjectMapper json, HttpConfig http) {
        this.json = json;
        this.maxUriLength = http.maxUriLength();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(this::check);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri == null || uri.length() <= maxUriLength) {
            context.next();
            return;
        }
        String detail = "The URI has " + uri.length() + " characters; at most " + maxUriLength
                + " are read (gateway.http.max-uri-length). Send long input in the request body.";
        ErrorSurface.end(context.response(), json, context.request().path(), 414, "URI Too Long", detail,
                "invalid_request_error", "uri_too_long");
    }
}
