package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
            "GET,    /q/health/ready,                 open",
            "GET,    /q/health,                       open",
            "GET,    /q/openapi,                      open",
            "GET,    /q/swagger-ui/index.html,        open",
            "POST,   /q/health/ready,                 admin",
            "GET,    /q/metrics,                      admin",
            "POST,   /v1/chat/completions,            client",
            "GET,    /v1/chat/completions,            client",
            "GET,    /v1/models,                      client",
            "HEAD,   /v1/models,                      client",
            "GET,    /v1/models/extractive,           client",
            "POST,   /v1/answers,                     client",
            "POST,   /v1/answers/abc/feedback,        client",
            "GET,    /v1/answers/abc,                 agent",
            "GET,    /v1/answers/abc/feedback,        agent",
            "DELETE, /v1/answers/abc/feedback,        admin",
            "POST,   /v1/score,                       client",
            "POST,   /v1/score/batch,                 client",
            "GET,    /v1/reviews,                     agent",
            "POST,   /v1/reviews/abc/resolve,         agent",
            "GET,    /v1/reviewsx,                    admin",
            "GET,    /v1/products,                    admin",
            "PUT,    /v1/products/a,                  admin",
            "POST,   /v1/keys,                        admin",
            "GET,    /v1/something-new,               admin",
            "GET,    /console,                        agent",
            "HEAD,   /console,                        agent",
            "GET,    /console/reviews,                agent",
            "GET,    /console/dashboard,              admin",
            "GET,    /console/knowledge,              admin",
            "GET,    /console/something-new,          admin",
            "GET,    /console/sign-in,                open",
            "POST,   /console/sign-in,                open",
            "POST,   /console/sign-out,               open",
            "GET,    /console/sign-out,               admin",
            "GET,    /console/assets/console.js,      open",
            "POST,   /console/assets/console.js,      admin",
            "GET,    /,                               admin"})
    void eachRouteNeedsItsRoleAndAnUnnamedRouteNeedsAdmin(String method, String path, String role) {
        Optional<Role> required = AccessPolicy.required(method, path);

        assertThat(required.map(Role::wire).orElse("open")).isEqualTo(role);
    }

    @Test
    void rolesIncludeTheOnesBelowThemAndNoneAbove() {
        assertThat(Role.ADMIN.includes(Role.AGENT)).isTrue();
        assertThat(Role.AGENT.includes(Role.AGENT)).isTrue();
        assertThat(Role.AGENT.includes(Role.CLIENT)).isTrue();
        assertThat(Role.AGENT.includes(Role.ADMIN)).isFalse();
        assertThat(Role.CLIENT.includes(Role.AGENT)).isFalse();
        assertThat(Role.parse(" Agent ")).isEqualTo(Role.AGENT);
        assertThat(Role.parse("owner")).isNull();
    }

    @Test
    void noKeyAndAnUnknownKeyAreUnauthenticatedWithDifferentCodes() {
        assertThat(AccessPolicy.decide(Role.CLIENT, null, null, null, NOW))
                .isInstanceOfSatisfying(AccessPolicy.Decision.Unauthenticated.class,
                        refused -> assertThat(refused.code()).isEqualTo("missing_api_key"));
        assertThat(AccessPolicy.decide(Role.CLIENT, "cg_abcdefghijkl", null, null, NOW))
                .isInstanceOfSatisfying(AccessPolicy.Decision.Unauthenticated.class, refused -> {
                    assertThat(refused.code()).isEqualTo("invalid_api_key");
                    assertThat(refused.detail()).contains("'cg_abcdefg…'").doesNotContain("cg_abcdefghijkl");
                });
    }

    @Test
    void aKeyExpiresAtItsInstantNotAfter() {
        ApiKey expiring = key(Role.ADMIN, List.of(), NOW, null);

        assertThat(AccessPolicy.decide(Role.CLIENT, "k", expiring, null, NOW.minusMillis(1)))
                .isInstanceOf(AccessPolicy.Decision.Allow.class);
        assertThat(AccessPolicy.decide(Role.CLIENT, "k", expiring, null, NOW))
                .isInstanceOfSatisfying(AccessPolicy.Decision.Unauthenticated.class,
                        refused -> assertThat(refused.code()).isEqualTo("expired_api_key"));
    }

    @Test
    void aRevokedKeyIsUnauthenticatedEvenBeforeItExpires() {
        ApiKey revoked = key(Role.ADMIN, List.of(), NOW.plusSeconds(3600), NOW.minusSeconds(1));

        assertThat(AccessPolicy.decide(Role.CLIENT, "k", revoked, null, NOW))
                .isInstanceOfSatisfying(AccessPolicy.Decision.Unauthenticated.class,
                        refused -> assertThat(refused.code()).isEqualTo("revoked_api_key"));
    }

    @Test
    void aLowerRoleIsForbiddenAndTheDetailNamesBothRoles() {
        assertThat(AccessPolicy.decide(Role.AGENT, "k", key(Role.CLIENT, List.of(), null, null), null, NOW))
                .isInstanceOfSatisfying(AccessPolicy.Decision.Forbidden.class, refused -> {
                    assertThat(refused.code()).isEqualTo("missing_role");
                    assertThat(refused.detail()).isEqualTo("This endpoint needs the agent role; the key "
                            + "'cg_abcdefg…' (test) has the client role");
                });
        assertThat(AccessPolicy.decide(Role.AGENT, "k", key(Role.AGENT, List.of(), null, null), null, NOW))
                .isInstanceOf(AccessPolicy.Decision.Allow.class);
    }

    @Test
    void aProductInThePathOutsideTheKeysListIsForbidden() {
        ApiKey scoped = key(Role.ADMIN, List.of("support-copilot"), null, null);

        assertThat(AccessPolicy.decide(Role.ADMIN, "k", scoped, "support-copilot", NOW))
                .isInstanceOf(AccessPolicy.Decision.Allow.class);
        assertThat(AccessPolicy.decide(Role.ADMIN, "k", scoped, "billing", NOW))
                .isInstanceOfSatisfying(AccessPolicy.Decision.Forbidden.class, refused -> {
                    assertThat(refused.code()).isEqualTo("product_not_allowed");
                    assertThat(refused.detail()).contains("may not use product 'billing'")
                            .contains("it may use support-copilot");
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/v1/products/a,            a",
            "/v1/products/a/documents,  a",
            "/v1/products,              ",
            "/v1/products/,             ",
            "/v1/answers/a,             "})
    void theProductOfAPathIsTheSegmentAfterProducts(String path, String product) {
        assertThat(AccessPolicy.productOfPath(path)).isEqualTo(product);
    }

    @ParameterizedTest(name = "{0} {1} audited: {3}")
    @CsvSource({
            "POST,   /v1/keys,                 admin,  true",
            "DELETE, /v1/products/a/documents/b, admin, true",
            "GET,    /v1/keys,                 admin,  false",
            "POST,   /v1/reviews/a/resolve,    agent,  true",
            "POST,   /v1/reviews/a/claim,      agent,  true",
            "GET,    /v1/reviews/a,            agent,  false",
            "POST,   /v1/answers,              client, false"})
    void changesByAdminsAndReviewStepsAreAudited(String method, String path, String role, boolean audited) {
        assertThat(AccessPolicy.audited(method, path, Role.parse(role))).isEqualTo(audited);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(value = {
            "Bearer cg_x|cg_x",
            "bearer   cg_x  |cg_x",
            "Bearer |",
            "Basic abc|",
            "cg_x|",
            "Bearer|"}, delimiter = '|')
    void theKeyIsWhatFollowsBearer(String header, String key) {
        assertThat(AccessFilter.bearer(header)).isEqualTo(key);
    }

    @Test
    void theOpenAiShapedPathsAreChatAndModels() {
        assertThat(AccessFilter.openAi("/v1/chat/completions")).isTrue();
        assertThat(AccessFilter.openAi("/v1/models/extractive")).isTrue();
        assertThat(AccessFilter.openAi("/v1/modelsx")).isFalse();
        assertThat(AccessFilter.openAi("/v1/answers")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "GET,    /console,                   true",
            "HEAD,   /console/reviews,           true",
            "GET,    /console/dashboard,         true",
            "POST,   /console/sign-in,           false",
            "GET,    /console/assets/ask.js,     false",
            "GET,    /consoles,                  false",
            "GET,    /v1/reviews,                false"})
    void consolePagesAreTheGetsUnderConsoleExceptItsAssets(String method, String path, boolean page) {
        assertThat(AccessPolicy.consolePage(method, path)).isEqualTo(page);
    }

    @ParameterizedTest
    @CsvSource({"GET, false", "HEAD, false", "OPTIONS, false", "POST, true", "PUT, true", "DELETE, true",
            "PATCH, true", "post, true"})
    void everyMethodButReadsIsAStateChangeThatNeedsTheCsrfToken(String method, boolean changing) {
        assertThat(AccessPolicy.stateChanging(method)).isEqualTo(changing);
    }

    static ApiKey key(Role role, List<String> products, Instant expiresAt, Instant revokedAt) {
        return new ApiKey(UUID.randomUUID(), "test", "cg_abcdefg", "hash", role, products, List.of(), null, null,
                null, null, null, expiresAt, false, NOW.minusSeconds(60), revokedAt);
    }
}
