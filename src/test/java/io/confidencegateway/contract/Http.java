package io.confidencegateway.contract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP/1.1 calls to the gateway under test: any method, any header, any bytes as body, paths sent as given
 * (already percent-encoded), so the contract and fuzz tests can send what a client library would refuse to.
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;

    Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /** One request. */
    record Call(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

        static Call of(String method, String pathAndQuery) {
            return new Call(method, pathAndQuery, new LinkedHashMap<>(), null);
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call json(String json) {
            headers.putIfAbsent("Content-Type", "application/json");
            return new Call(method, pathAndQuery, headers, json.getBytes(StandardCharsets.UTF_8));
        }

        Call body(String contentType, byte[] bytes) {
            headers.put("Content-Type", contentType);
            return new Call(method, pathAndQuery, headers, bytes);
        }

        /** How to replay it by hand. */
        String describe() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            String uri = pathAndQuery.length() > 200 ? pathAndQuery.substring(0, 200) + "…(" + pathAndQuery.length()
                    + " chars)" : pathAndQuery;
            return method + " " + uri + " " + headers.entrySet().stream()
                    .map(h -> h.getKey() + ": " + (h.getValue().length() > 80 ? h.getValue().substring(0, 80) + "…"
                            : h.getValue()))
                    .toList() + (body == null ? "" : " body(" + body.length + " bytes): " + shown);
        }
    }

    /** The answer. */
    record Reply(int status, String contentType, HttpResponse<String> raw) {
        String body() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Reply send(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.pathAndQuery()))
                .timeout(Duration.ofSeconds(60))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        // Every call is an admin's unless it names its own Authorization; a null value sends none (anonymous).
        if (!call.headers().containsKey("Authorization")) {
            request.header("Authorization", io.confidencegateway.testing.TestKeys.ADMIN_BEARER);
        }
        call.headers().forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response);
        } catch (IOException failed) {
            throw new AssertionError("no HTTP answer to " + call.describe() + ": " + failed, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }
}
