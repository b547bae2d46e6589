package io.confidencegateway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.confidencegateway.access.ConsoleSessions;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A session cookie that cannot be one the gateway made is refused without reading the database; the count is the
 * gateway's own {@code gateway.console.session.reads} counter, incremented where the read transaction starts.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ConsoleSessionReadsTest {

    /** 43 characters of unpadded base64url, the shape of a real id. */
    private static final String WELL_FORMED = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";

    @Inject
    MeterRegistry registry;

    private double reads() {
        return registry.counter("gateway.console.session.reads").count();
    }

    private static HttpResponse<String> withCookie(String value) {
        ConsoleHttp browser = new ConsoleHttp();
        browser.cookies.put(ConsoleSessions.COOKIE, value);
        return browser.get("/v1/reviews");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "not-a-session", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd",
            "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdE",
            "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd="})
    void aMalformedCookieIsRefusedWithoutADatabaseRead(String cookie) {
        double before = reads();

        HttpResponse<String> refused = withCookie(cookie);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("The console session has ended");
        assertThat(reads()).isEqualTo(before);
    }

    @Test
    void aWellFormedUnknownIdIsReadFromTheDatabase() {
        String id = WELL_FORMED.substring(0, 30) + Long.toString(System.nanoTime(), 36).substring(0, 8) + "ZZZZZ";
        assertThat(id).hasSize(43);
        double before = reads();

        assertThat(withCookie(id).statusCode()).isEqualTo(401);
        assertThat(reads()).as("the counter counts the reads that do happen").isEqualTo(before + 1);
    }
}
