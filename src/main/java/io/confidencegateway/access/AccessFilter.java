package io.confidencegateway.access;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.confidencegateway.problem.Problem;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one filter point for every route: JAX-RS resources, the raw {@code /v1/chat/completions} Vert.x route (at
 * order -1, so this filter at {@value #ORDER} runs first) and {@code /q/*}. It finds the route's rule
 * ({@link AccessPolicy}), checks the bearer key against the in-memory {@link KeyTable}, answers 401 or 403 itself
 * (problem+json, OpenAI's error shape on the OpenAI-compatible paths), applies the key's request limits
 * ({@link UsageLimits}), leaves the key on the routing context for the routes that check a product or model from
 * the body ({@link Callers}), and writes the audit entry once an audited action succeeded.
 */
@ApplicationScoped
public class AccessFilter {

    /** After CORS (-300, which answers pre-flights itself), before every application route. */
    static final int ORDER = -250;
    /** Routing-context key of the caller's {@link ApiKey}. */
    static final String CALLER = "gateway.access.caller";
    private static final String CHALLENGE = "Bearer realm=\"confidence-gateway\"";
    private static final String SIGN_IN = "/console/sign-in";
    private static final Logger LOG = Logger.getLogger(AccessFilter.class);
    private static final AccessPolicy.Decision SESSION_ENDED = new AccessPolicy.Decision.Unauthenticated(
            "session_ended", "The console session has ended (signed out, expired, or its key was revoked); sign in "
                    + "again at " + SIGN_IN);
    private static final AccessPolicy.Decision CSRF_REFUSED = new AccessPolicy.Decision.Forbidden("csrf",
            "missing or wrong CSRF token: a request signed in by the console's session cookie must send the "
                    + ConsoleSessions.CSRF_HEADER + " header with the value of the page's <meta name=\"csrf-token\">");

    private final KeyTable table;
    private final AuditLog audit;
    private final UsageLimits limits;
    private final ObjectMapper json;
    private final ConsoleSessions sessions;

    public AccessFilter(KeyTable table, AuditLog audit, UsageLimits limits, ObjectMapper json,
            ConsoleSessions sessions) {
        this.sessions = sessions;
        this.table = table;
        this.audit = audit;
        this.limits = limits;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        String method = context.request().method().name();
        Optional<Role> required = AccessPolicy.required(method, path);
        if (required.isEmpty()) {
            context.next();
            return;
        }
        String sent = bearer(context.request().getHeader("Authorization"));
        Cookie session = sent == null ? context.request().getCookie(ConsoleSessions.COOKIE) : null;
        if (session == null || session.getValue().isEmpty()) {
            ApiKey stored = sent == null ? null : table.lookup(sent);
            decided(context, method, path, required.get(), AccessPolicy.decide(required.get(), sent, stored,
                    AccessPolicy.productOfPath(path), Instant.now()), stored);
            return;
        }
        // A browser signed in to the console: the session names the key, whose role and scope then apply as for a
        // bearer key; reading the session may need the database, so the request waits paused.
        String id = session.getValue();
        Context loop = Vertx.currentContext();
        context.request().pause();
        sessions.keyOf(id).subscribe().with(keyId -> loop.runOnContext(ignored -> {
            context.request().resume();
            ApiKey stored = keyId.flatMap(table::byId).orElse(null);
            AccessPolicy.Decision decision = stored == null ? SESSION_ENDED
                    : AccessPolicy.decide(required.get(), stored.prefix(), stored, AccessPolicy.productOfPath(path),
                            Instant.now());
            if (decision instanceof AccessPolicy.Decision.Allow && AccessPolicy.stateChanging(method)
                    && !ConsoleSessions.csrfMatches(id, context.request().getHeader(ConsoleSessions.CSRF_HEADER))) {
                decision = CSRF_REFUSED;
            }
            decided(context, method, path, required.get(), decision, stored);
        }), failure -> loop.runOnContext(ignored -> {
            LOG.errorf("Could not read a console session: %s", failure.toString());
            context.request().resume();
            deny(context, 503, "Service Unavailable", "sessions_unavailable", "The gateway could not check the "
                    + "console session (storage unavailable); retry shortly", Map.of("Retry-After", "1"));
        }));
    }

    private void decided(RoutingContext context, String method, String path, Role required,
            AccessPolicy.Decision decision, ApiKey stored) {
        boolean page = AccessPolicy.consolePage(method, path);
        if (decision instanceof AccessPolicy.Decision.Unauthenticated refused) {
            if (page) {
                // A browser without a (live) session goes to the form, not to a JSON 401.
                context.response().setStatusCode(303).putHeader("Location", SIGN_IN).end();
                return;
            }
            context.response().putHeader("WWW-Authenticate", CHALLENGE);
            deny(context, 401, "Unauthorized", refused.code(), refused.detail(), Map.of());
            return;
        }
        if (decision instanceof AccessPolicy.Decision.Forbidden forbidden) {
            if (page) {
                context.response().setStatusCode(403).putHeader("Content-Type", "text/html; charset=utf-8")
                        .end(ForbiddenPage.render(forbidden.detail()));
                return;
            }
            deny(context, 403, "Forbidden", forbidden.code(), forbidden.detail(), Map.of());
            return;
        }
        context.put(CALLER, stored);
        if (VertxContext.isOnDuplicatedContext()) {
            // For the model calls this request makes, wherever they run (SpendLimits via InferenceService).
            ContextLocals.put(CALLER, stored);
        }
        if (AccessPolicy.audited(method, path, required)) {
            context.addBodyEndHandler(ended -> {
                int status = context.response().getStatusCode();
                if (status / 100 == 2) {
                    audit.record(stored, method, path, status);
                }
            });
        }
        if (!stored.limited()) {
            context.next();
            return;
        }
        limits.admit(context, stored, this::deny);
    }

    /** Ends the exchange with an error in the path's shape. */
    void deny(RoutingContext context, int status, String title, String code, String detail,
            Map<String, String> headers) {
        if (context.response().ended()) {
            return;
        }
        headers.forEach(context.response()::putHeader);
        boolean openAi = openAi(context.normalizedPath());
        Object body = openAi ? Map.of("error", openAiBody(status, code, detail)) : Problem.of(status, title, detail);
        String encoded;
        try {
            encoded = json.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("error body could not be encoded", impossible);
        }
        context.response().setStatusCode(status)
                .putHeader("Content-Type", openAi ? "application/json" : Problem.MEDIA_TYPE).end(encoded);
    }

    private static Map<String, Object> openAiBody(int status, String code, String detail) {
        String type = status == 429 ? code : "invalid_request_error";
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("message", detail);
        body.put("type", type);
        body.put("param", null);
        body.put("code", code);
        return body;
    }

    /** The OpenAI-compatible surface, whose SDKs read OpenAI's error shape. */
    static boolean openAi(String path) {
        return path.equals("/v1/chat/completions") || path.equals("/v1/models") || path.startsWith("/v1/models/");
    }

    /** The key from {@code Authorization: Bearer <key>}, or null when there is none. */
    static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = value.substring(7).strip();
        return key.isEmpty() ? null : key;
    }
}
