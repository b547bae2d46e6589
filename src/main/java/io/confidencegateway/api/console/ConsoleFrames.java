package io.confidencegateway.api.console;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.access.ConsoleSessions;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;

/**
 * Puts a console page into the shared frame: {@code page(template, "dashboard")} is all a new page's resource needs
 * (its template starts with {@code {#include console/layout}}, see the comment at the top of layout.html).
 */
@ApplicationScoped
public class ConsoleFrames {

    private final Callers callers;
    private final CurrentVertxRequest request;

    public ConsoleFrames(Callers callers, CurrentVertxRequest request) {
        this.callers = callers;
        this.request = request;
    }

    /** The template with {@code frame} set for the current caller and {@code active} nav link. */
    public TemplateInstance page(Template template, String active) {
        return template.data("frame", frame(active));
    }

    /** The frame for the current request's caller. */
    public ConsoleFrame frame(String active) {
        ApiKey key = callers.current().orElse(null);
        if (key == null) {
            return new ConsoleFrame(active, "", "", "");
        }
        Cookie session = request.getCurrent() == null ? null
                : request.getCurrent().request().getCookie(ConsoleSessions.COOKIE);
        String csrf = session == null || session.getValue().isEmpty() ? ""
                : ConsoleSessions.csrfToken(session.getValue());
        return new ConsoleFrame(active, key.name(), key.role().wire(), csrf);
    }
}
