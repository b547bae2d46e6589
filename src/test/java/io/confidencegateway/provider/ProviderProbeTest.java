package io.confidencegateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code status_reason} on {@code /v1/models} may say of a probed base URL: where, never the credentials. */
class ProviderProbeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://user:secret-pass@ollama.internal:11434/v1/models | http://ollama.internal:11434",
        "https://llm.example.com/tenant-42/v1/models?key=abc123  | https://llm.example.com:443",
        "http://127.0.0.1:1/v1/models                              | http://127.0.0.1:1",
        "http://llm.example.com/api/tags#frag                      | http://llm.example.com:80",
        "not a url                                                 | the configured base URL",
        "/v1/models                                                | the configured base URL"})
    void theReasonShowsSchemeHostAndPortOnly(String url, String shown) {
        assertThat(ProviderProbe.origin(url)).isEqualTo(shown);
    }
}
