package io.confidencegateway.access;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.testing.TestKeys;
import io.restassured.RestAssured;

/**
 * Plain HTTP calls with exactly the key a test names (null: none), so that RestAssured's default admin key cannot
 * creep into a test about access.
 */
final class Calls {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Calls() {
    }

    static HttpResponse<String> send(String method, String path, String key, String json) {
        return send(method, path, key, json, null);
    }

    /** As {@link #send(String, String, String, String)}, with an {@code Idempotency-Key} unless it is null. */
    static HttpResponse<String> send(String method, String path, String key, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new AssertionError("no answer to " + method + " " + path + ": " + failed, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException notJson) {
            throw new AssertionError("not JSON: " + response.body(), notJson);
        }
    }

    /** Creates a key as the test admin and returns the answer (with the plaintext in "key"). */
    static JsonNode createKey(String body) {
        HttpResponse<String> created = send("POST", "/v1/keys", TestKeys.ADMIN, body);
        if (created.statusCode() != 201) {
            throw new AssertionError("POST /v1/keys " + body + " -> " + created.statusCode() + " " + created.body());
        }
        return json(created);
    }

    static String chat(String model) {
        return "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}";
    }
}
