package io.confidencegateway.api.console;

import io.quarkus.qute.TemplateData;

/**
 * What {@code templates/console/layout.html} shows around every console page: who is signed in, which nav links
 * their role opens, the active link and the CSRF token for the page's script. Pages get it as {@code frame}
 * ({@link ConsoleFrames#page}).
 *
 * @param active the nav link to mark current: {@code ask}, {@code reviews}, {@code dashboard}, {@code knowledge}
 *        or empty
 * @param keyName the signed-in key's name (the reviewer name on claims), empty when nobody is signed in
 * @param role {@code agent} or {@code admin}, empty when nobody is signed in
 * @param csrf the session's CSRF token (empty for a bearer caller, which needs none)
 */
@TemplateData
public record ConsoleFrame(String active, String keyName, String role, String csrf) {

    public boolean signedIn() {
        return !role.isEmpty();
    }

    /** Ask and Reviews: agents and admins. */
    public boolean agent() {
        return role.equals("agent") || role.equals("admin");
    }

    /** Dashboard and Knowledge: admins only. */
    public boolean admin() {
        return role.equals("admin");
    }

    /** {@code aria-current="page"} on the active link. */
    public String current(String link) {
        return link.equals(active) ? "page" : "false";
    }
}
