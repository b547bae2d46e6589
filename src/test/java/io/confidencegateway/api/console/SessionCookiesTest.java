package io.confidencegateway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionCookiesTest {

    @ParameterizedTest
    @CsvSource(value = {
            "null|false|false",
            "null|true|true",
            "http|false|false",
            "https|false|true",
            "HTTPS|false|true",
            "https, http|false|true",
            "http, https|false|false",
            "http|true|true"}, delimiter = '|', nullValues = "null")
    void theCookieIsSecureWhenTheBrowsersOwnHopWasTls(String forwardedProto, boolean ssl, boolean secure) {
        assertThat(SessionCookies.overTls(forwardedProto, ssl)).isEqualTo(secure);
    }
}
