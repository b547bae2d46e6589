package io.confidencegateway.access;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may call what: the one table of route rules, applied by {@link AccessFilter} to every request (JAX-RS
 * resources, the raw chat-completions route, {@code /q/*}), and the checks on a key. Pure, so that the rules are
 * table-tested. A path no rule names needs the admin role: a new endpoint is closed until someone opens it.
 */
public final class AccessPolicy {

    /** One rule: a method ({@code *} for any) and a path pattern; {@code role} null means open to anyone. */
    record Rule(String method, String pattern, Role role) {

        boolean matches(String requestMethod, String path) {
            return ("*".equals(method) || method.equals(requestMethod)) && PathPattern.matches(pattern, path);
        }
    }

    /** The outcome for one request. */
    public sealed interface Decision {
        /** Allowed; {@code caller} is null on open paths. */
        record Allow(ApiKey caller, Role required) implements Decision {
        }

        /** 401: no usable key; {@code detail} says why and what to send. */
        record Unauthenticated(String code, String detail) implements Decision {
        }

        /** 403: the key is valid but may not do this; {@code detail} names the missing right. */
        record Forbidden(String code, String detail) implements Decision {
        }
    }

    /** The code of the 403 for a client's feedback on (or read of) an answer another key created. */
    public static final String NOT_ANSWER_OWNER = "not_answer_owner";

    /** First match wins. */
    static final List<Rule> RULES = List.of(
            new Rule("GET", "/q/health/**", null),
            new Rule("GET", "/q/openapi", null),
            new Rule("GET", "/q/swagger-ui/**", null),
            new Rule("*", "/v1/chat/completions", Role.CLIENT),
            new Rule("GET", "/v1/models", Role.CLIENT),
            new Rule("GET", "/v1/models/*", Role.CLIENT),
            new Rule("POST", "/v1/answers", Role.CLIENT),
            new Rule("POST", "/v1/answers/*/feedback", Role.CLIENT),
            new Rule("GET", "/v1/answers/*/feedback", Role.AGENT),
            // A client reads only answers it created (readDenial, where the answer is loaded); agents any.
            new Rule("GET", "/v1/answers/*", Role.CLIENT),
            new Rule("GET", "/v1/inferences/*", Role.AGENT),
            new Rule("POST", "/v1/score", Role.CLIENT),
            new Rule("POST", "/v1/score/batch", Role.CLIENT),
            new Rule("*", "/v1/reviews/**", Role.AGENT),
            // The browser console (issue 15): its pages need the role of the views they show; sign-in and its
            // static files are open (the sign-out form checks its own session and CSRF field).
            new Rule("GET", "/console/assets/**", null),
            new Rule("GET", "/console/sign-in", null),
            new Rule("POST", "/console/sign-in", null),
            new Rule("POST", "/console/sign-out", null),
            new Rule("GET", "/console", Role.AGENT),
            // What a person types: the same page as /console, so it needs what /console needs.
            new Rule("GET", "/console/", Role.AGENT),
            new Rule("GET", "/console/reviews", Role.AGENT),
            new Rule("GET", "/console/dashboard", Role.ADMIN),
            new Rule("GET", "/console/knowledge", Role.ADMIN),
            new Rule("GET", "/console/prompts", Role.ADMIN));

    private AccessPolicy() {
    }

    /** The role a request needs, or empty for an open path. */
    public static Optional<Role> required(String method, String path) {
        String upper = method.toUpperCase(Locale.ROOT);
        // HEAD reads what GET reads.
        String effective = "HEAD".equals(upper) ? "GET" : upper;
        for (Rule rule : RULES) {
            if (rule.matches(effective, path)) {
                return Optional.ofNullable(rule.role());
            }
        }
        return Optional.of(Role.ADMIN);
    }

    /**
     * The decision for a request on a path that needs {@code required}, given the key the caller sent (null: none
     * sent) and the stored key it names (null: unknown).
     */
    public static Decision decide(Role required, String sentKey, ApiKey stored, String pathProduct, Instant now) {
        if (sentKey == null) {
            return new Decision.Unauthenticated("missing_api_key", "This endpoint needs an API key: send "
                    + "'Authorization: Bearer <key>' (POST /v1/keys creates keys; the first admin key is in the log "
                    + "and in <data-dir>/admin-key, or set GATEWAY_ADMIN_KEY)");
        }
        String shown = ApiKeyFormat.visible(sentKey);
        if (stored == null) {
            return new Decision.Unauthenticated("invalid_api_key", "The API key '" + shown + "…' is not known to "
                    + "this gateway; send a key created by POST /v1/keys");
        }
        if (stored.revokedAt() != null) {
            return new Decision.Unauthenticated("revoked_api_key", "The API key '" + stored.prefix() + "…' ("
                    + stored.name() + ") was revoked at " + stored.revokedAt() + "; ask an admin for a new one");
        }
        if (!stored.activeAt(now)) {
            return new Decision.Unauthenticated("expired_api_key", "The API key '" + stored.prefix() + "…' ("
                    + stored.name() + ") expired at " + stored.expiresAt() + "; ask an admin for a new one");
        }
        if (!stored.role().includes(required)) {
            return new Decision.Forbidden("missing_role", "This endpoint needs the " + required.wire()
                    + " role; the key '" + stored.prefix() + "…' (" + stored.name() + ") has the "
                    + stored.role().wire() + " role");
        }
        if (pathProduct != null && !stored.mayUseProduct(pathProduct)) {
            return productForbidden(stored, pathProduct);
        }
        return new Decision.Allow(stored, required);
    }

    /**
     * Why the caller may not give feedback on an answer, or empty when it may: agent and admin keys on any answer, a
     * client key only on answers it created ({@code createdBy}, the creating key's id, one of {@code callerKeyIds}:
     * the caller's own id and those of the keys it was rotated from; null for answers stored before answers recorded
     * their key, which therefore only agents and admins may judge). No caller (no request: internal work) is not
     * refused. The detail names no key, so it tells nothing about who asked.
     */
    public static Optional<Decision.Forbidden> feedbackDenial(ApiKey caller, Set<UUID> callerKeyIds, UUID createdBy) {
        return ownerDenial(caller, callerKeyIds, createdBy, "give feedback only on");
    }

    /** Why the caller may not read an answer by id, or empty when it may; the same rule as {@link #feedbackDenial}. */
    public static Optional<Decision.Forbidden> readDenial(ApiKey caller, Set<UUID> callerKeyIds, UUID createdBy) {
        return ownerDenial(caller, callerKeyIds, createdBy, "read only");
    }

    private static Optional<Decision.Forbidden> ownerDenial(ApiKey caller, Set<UUID> callerKeyIds, UUID createdBy,
            String what) {
        if (caller == null || caller.role().includes(Role.AGENT)
                || createdBy != null && callerKeyIds.contains(createdBy)) {
            return Optional.empty();
        }
        String whose = createdBy == null ? "this answer was created before answers recorded their key"
                : "this answer was created by another key";
        return Optional.of(new Decision.Forbidden(NOT_ANSWER_OWNER, "client keys may " + what + " answers they "
                + "created; " + whose + " — use an agent key"));
    }

    /** The 403 for a product outside the key's list. */
    public static Decision.Forbidden productForbidden(ApiKey key, String product) {
        return new Decision.Forbidden("product_not_allowed", "The key '" + key.prefix() + "…' (" + key.name()
                + ") may not use product '" + product + "'; it may use " + String.join(", ", key.products()));
    }

    /** The 403 for a model alias outside the key's list. */
    public static Decision.Forbidden modelForbidden(ApiKey key, String model) {
        return new Decision.Forbidden("model_not_allowed", "The key '" + key.prefix() + "…' (" + key.name()
                + ") may not use model '" + model + "'; it may use " + String.join(", ", key.models()));
    }

    /** The product a path addresses ({@code /v1/products/{id}/…}), or null. */
    public static String productOfPath(String path) {
        String prefix = "/v1/products/";
        if (path == null || !path.startsWith(prefix) || path.length() == prefix.length()) {
            return null;
        }
        int end = path.indexOf('/', prefix.length());
        return path.substring(prefix.length(), end < 0 ? path.length() : end);
    }

    /** Whether a successful request is an action the audit log keeps: any change by an admin, any review step. */
    public static boolean audited(String method, String path, Role required) {
        String upper = method.toUpperCase(Locale.ROOT);
        boolean change = !upper.equals("GET") && !upper.equals("HEAD") && !upper.equals("OPTIONS");
        return change && (required == Role.ADMIN || path.startsWith("/v1/reviews/"));
    }

    /**
     * Whether a request is a browser opening a console page, which is answered in HTML: a redirect to the sign-in
     * page instead of a 401, a short page instead of a 403.
     */
    public static boolean consolePage(String method, String path) {
        String upper = method.toUpperCase(Locale.ROOT);
        return (upper.equals("GET") || upper.equals("HEAD"))
                && (path.equals("/console") || path.startsWith("/console/"))
                && !path.startsWith("/console/assets/");
    }

    /** Whether a request may change state, so that a cookie-authenticated one must carry the CSRF token. */
    public static boolean stateChanging(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return !upper.equals("GET") && !upper.equals("HEAD") && !upper.equals("OPTIONS");
    }

    /** Path patterns: {@code *} is one segment, a trailing {@code /**} is the path itself or anything below it. */
    static final class PathPattern {

        private PathPattern() {
        }

        static boolean matches(String pattern, String path) {
            if (pattern.endsWith("/**")) {
                String base = pattern.substring(0, pattern.length() - 3);
                return matches(base, path) || (path.startsWith(base + "/") && !base.contains("*"));
            }
            String[] want = pattern.split("/", -1);
            String[] have = path.split("/", -1);
            if (want.length != have.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                if (want[i].equals("*") ? have[i].isEmpty() : !want[i].equals(have[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
