package io.confidencegateway.provider.http;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

/**
 * Splits a byte stream into lines ({@code \n} or {@code \r\n}), decoding each whole line as UTF-8 so that a
 * character cut across two network chunks is never garbled. {@link #finish()} emits a last unterminated line.
 */
final class LineSplitter {

    private final Consumer<String> sink;
    private Buffer pending = Buffer.buffer();

    LineSplitter(Consumer<String> sink) {
        this.sink = sink;
    }

    void accept(Buffer chunk) {
        pending.appendBuffer(chunk);
        int start = 0;
        int length = pending.length();
        for (int i = 0; i < length; i++) {
            if (pending.getByte(i) == '\n') {
                int end = i > start && pending.getByte(i - 1) == '\r' ? i - 1 : i;
                sink.accept(pending.getString(start, end, StandardCharsets.UTF_8.name()));
                start = i + 1;
            }
        }
        if (start > 0) {
            pending = start == length ? Buffer.buffer() : pending.getBuffer(start, length);
        }
    }

    void finish() {
        if (pending.length() > 0) {
            String rest = pending.toString(StandardCharsets.UTF_8);
            pending = Buffer.buffer();
            sink.accept(rest.endsWith("\r") ? rest.substring(0, rest.length() - 1) : rest);
        }
    }
}
