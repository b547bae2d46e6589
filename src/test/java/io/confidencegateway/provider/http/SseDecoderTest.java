package io.confidencegateway.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

class SseDecoderTest {

    private static List<SseDecoder.SseEvent> decode(String... lines) {
        var decoder = new SseDecoder();
        var events = new ArrayList<SseDecoder.SseEvent>();
        for (String line : lines) {
            decoder.accept(line).ifPresent(events::add);
        }
        decoder.finish().ifPresent(events::add);
        return events;
    }

    @Test
    void eventsAreSplitOnBlankLinesWithNamesAndMultiLineData() {
        assertThat(decode("event: message_start", "data: {\"a\":1}", "", ": keep-alive", "", "data: one",
                "data: two", "", "data:[DONE]"))
                .containsExactly(new SseDecoder.SseEvent("message_start", "{\"a\":1}"),
                        new SseDecoder.SseEvent("message", "one\ntwo"),
                        new SseDecoder.SseEvent("message", "[DONE]"));
    }

    @Test
    void linesCutAcrossNetworkChunksAndMultiByteCharactersSurvive() {
        var lines = new ArrayList<String>();
        var splitter = new LineSplitter(lines::add);
        byte[] text = "data: caf\u00e9 \u2713\r\ndata: end\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : text) {
            splitter.accept(Buffer.buffer(new byte[] {b}));
        }
        splitter.accept(Buffer.buffer("tail"));
        splitter.finish();

        assertThat(lines).containsExactly("data: caf\u00e9 \u2713", "data: end", "tail");
    }

    @Test
    void retryAfterIsReadInSecondsMillisOrAsADate() {
        assertThat(UpstreamErrors.retryAfter(MultiMap.caseInsensitiveMultiMap().add("Retry-After", "7")))
                .contains(Duration.ofSeconds(7));
        assertThat(UpstreamErrors.retryAfter(MultiMap.caseInsensitiveMultiMap().add("retry-after-ms", "1500")
                .add("Retry-After", "9"))).contains(Duration.ofMillis(1500));
        assertThat(UpstreamErrors.retryAfter(MultiMap.caseInsensitiveMultiMap().add("Retry-After",
                "Wed, 21 Oct 2015 07:28:00 GMT"))).contains(Duration.ZERO);
        assertThat(UpstreamErrors.retryAfter(MultiMap.caseInsensitiveMultiMap())).isEmpty();
    }

    @Test
    void vendorErrorMessagesAreFoundInEachVendorsShape() {
        assertThat(UpstreamErrors.messageOf("{\"error\":{\"message\":\"bad key\"}}")).isEqualTo("bad key");
        assertThat(UpstreamErrors.messageOf("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}")).isEqualTo("Overloaded");
        assertThat(UpstreamErrors.messageOf("{\"error\":\"model 'x' not found\"}")).isEqualTo("model 'x' not found");
        assertThat(UpstreamErrors.messageOf("<html>502 Bad Gateway</html>")).isEqualTo("<html>502 Bad Gateway</html>");
        assertThat(UpstreamErrors.messageOf("x".repeat(1000))).hasSizeLessThan(310);
    }
}
