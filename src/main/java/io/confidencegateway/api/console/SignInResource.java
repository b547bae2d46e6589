package io.confidencegateway.api.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.ConsoleConfig;
import io.confidencegateway.access.ConsoleSessions;
import io.confidencegateway.access.KeyTable;
import io.confidencegateway.access.SignInPolicy;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sign-in and sign-out of the console. The sign-in form is protected against cross-site posting by a double-submit
 * token (a random value in an HttpOnly cookie and in the form's hidden field, which another site can neither read
 * nor set); sign-out by the session's own CSRF token. A refusal says why in words and never repeats the key.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    /** The sign-in form's double-submit cookie, sent only to the console's own paths. */
    static final String FORM_COOKIE = "cg_sign_in";
    private static final String FORM_PATH = "/console";
    private static final Duration FORM_LIFETIME = Duration.ofHours(1);

    private final KeyTable keys;
    private final ConsoleSessions sessions;
    private final ConsoleConfig config;
    private final Template signIn;

    public SignInResource(KeyTable keys, ConsoleSessions sessions, ConsoleConfig config,
            @Location("console/sign-in") Template signIn) {
        this.keys = keys;
        this.sessions = sessions;
        this.config = config;
        this.signIn = signIn;
    }

    @GET
    @Path("/sign-in")
    public Response form(@CookieParam(FORM_COOKIE) String formToken, @QueryParam("signed-out") String signedOut,
            @HeaderParam("X-Forwarded-Proto") String proto, @Context HttpServerRequest request) {
        return page(200, formToken, signedOut != null ? "You are signed out." : null, null,
                SessionCookies.overTls(proto, request.isSSL()));
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("api_key") String input, @FormParam("csrf") String sentToken,
            @CookieParam(FORM_COOKIE) String formToken, @HeaderParam("X-Forwarded-Proto") String proto,
            @Context HttpServerRequest request) {
        boolean secure = SessionCookies.overTls(proto, request.isSSL());
        if (!same(formToken, sentToken)) {
            return page(403, null, null, "The sign-in form had expired or came from another page. Try again.",
                    secure);
        }
        String key = input == null ? null : input.strip();
        ApiKey stored = key == null || key.isEmpty() ? null : keys.lookup(key);
        Optional<String> refusal = SignInPolicy.refusal(key, stored, Instant.now());
        if (refusal.isPresent()) {
            return page(401, formToken, null, refusal.get(), secure);
        }
        String session = sessions.start(stored);
        return seeOther("/console")
                .cookie(SessionCookies.cookie(ConsoleSessions.COOKIE, session, "/", config.sessionLifetime(), secure),
                        SessionCookies.cleared(FORM_COOKIE, FORM_PATH, secure))
                .build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String sentToken, @CookieParam(ConsoleSessions.COOKIE) String session,
            @HeaderParam("X-Forwarded-Proto") String proto, @Context HttpServerRequest request) {
        boolean secure = SessionCookies.overTls(proto, request.isSSL());
        if (session != null && !session.isEmpty()) {
            if (!ConsoleSessions.csrfMatches(session, sentToken)) {
                return page(403, null, null, "The sign-out form came from another page. Use the Sign out button "
                        + "of the console.", secure);
            }
            sessions.end(session);
        }
        return seeOther("/console/sign-in?signed-out=true")
                .cookie(SessionCookies.cleared(ConsoleSessions.COOKIE, "/", secure)).build();
    }

    /** The form, with a fresh double-submit token unless the browser already holds one. */
    private Response page(int status, String formToken, String notice, String error, boolean secure) {
        String token = formToken == null || formToken.length() < 20 ? ConsoleSessions.randomToken() : formToken;
        String body = signIn.data("frame", new ConsoleFrame("", "", "", "")).data("csrf", token)
                .data("notice", notice).data("error", error).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(body)
                .cookie(SessionCookies.cookie(FORM_COOKIE, token, FORM_PATH, FORM_LIFETIME, secure))
                .header("Cache-Control", "no-store").build();
    }

    /** A relative Location (JAX-RS would make it absolute, naming the host as the gateway sees it behind a proxy). */
    private static Response.ResponseBuilder seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", path);
    }

    private static boolean same(String expected, String sent) {
        if (expected == null || sent == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
