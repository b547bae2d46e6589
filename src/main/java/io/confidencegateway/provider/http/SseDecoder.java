package io.confidencegateway.provider.http;

import java.util.Optional;

/**
 * Turns the lines of a {@code text/event-stream} into events (WHATWG rules: {@code event:} and {@code data:}
 * fields, multi-line data joined by newlines, comments ignored, a blank line dispatches). Not thread-safe:
 * one decoder per stream.
 */
public final class SseDecoder {

    /** One server-sent event; {@code event} is "message" when the server named none. */
    public record SseEvent(String event, String data) {
    }

    private String event;
    private StringBuilder data;

    /** Feeds one line; returns the event it completes, if any. */
    public Optional<SseEvent> accept(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("data")) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        } else if (field.equals("event")) {
            event = value;
        }
        return Optional.empty();
    }

    /** Dispatches what is pending at the end of the stream (a last event without its blank line). */
    public Optional<SseEvent> finish() {
        return dispatch();
    }

    private Optional<SseEvent> dispatch() {
        if (data == null) {
            event = null;
            return Optional.empty();
        }
        var dispatched = new SseEvent(event == null ? "message" : event, data.toString());
        event = null;
        data = null;
        return Optional.of(dispatched);
    }
}
