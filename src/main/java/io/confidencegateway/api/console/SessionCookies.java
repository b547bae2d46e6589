package io.confidencegateway.api.console;

import java.time.Duration;
import java.util.Locale;

import jakarta.ws.rs.core.NewCookie;

/**
 * The console's cookies: HttpOnly (script never reads them), SameSite=Strict (no other site's page sends them),
 * Secure when the request came over TLS, directly or through a proxy that says so in {@code X-Forwarded-Proto}.
 */
final class SessionCookies {

    private SessionCookies() {
    }

    /** Whether the browser reached the gateway over TLS. */
    static boolean overTls(String forwardedProto, boolean ssl) {
        if (ssl) {
            return true;
        }
        if (forwardedProto == null) {
            return false;
        }
        // A chain of proxies lists one protocol per hop; the first is the browser's.
        String first = forwardedProto.split(",", 2)[0].strip().toLowerCase(Locale.ROOT);
        return first.equals("https");
    }

    static NewCookie cookie(String name, String value, String path, Duration maxAge, boolean secure) {
        return new NewCookie.Builder(name).value(value).path(path).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds()))
                .build();
    }

    /** A cookie that tells the browser to drop {@code name}. */
    static NewCookie cleared(String name, String path, boolean secure) {
        return new NewCookie.Builder(name).value("").path(path).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }
}
