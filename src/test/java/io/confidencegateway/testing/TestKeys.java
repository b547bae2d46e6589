package io.confidencegateway.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * The test suite's admin key ({@code %test.gateway.access.admin-key}) and the Quarkus test callback (registered in
 * META-INF/services, so it runs in the class loader the tests' RestAssured lives in) that makes RestAssured send it
 * on every request of every {@code @QuarkusTest}, so that tests written before API keys keep calling as an admin. Tests about access send their own keys with
 * {@code java.net.http} instead, where no default header can creep in.
 */
public final class TestKeys implements QuarkusTestBeforeEachCallback {

    /** Must equal {@code %test.gateway.access.admin-key} in application.properties. */
    public static final String ADMIN = "cg_test_admin_key_0123456789abcdefghij";
    /** The header value that carries it. */
    public static final String ADMIN_BEARER = "Bearer " + ADMIN;

    /** Adds the admin key to a request that names no Authorization of its own. */
    private static final Filter ADMIN_UNLESS_NAMED = (request, response, next) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", ADMIN_BEARER);
        }
        return next.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        // A filter, not a default request specification: a specification would also fix the port it was built with.
        if (!RestAssured.filters().contains(ADMIN_UNLESS_NAMED)) {
            RestAssured.filters(ADMIN_UNLESS_NAMED);
        }
    }
}
