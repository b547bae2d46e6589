package io.confidencegateway.api.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.testing.TestKeys;
import io.restassured.RestAssured;

/**
 * A browser's view of the console over plain HTTP: cookies kept by hand (no redirects followed), so that a test sees
 * exactly the Set-Cookie, Location and status the gateway answers, and no default admin key creeps in.
 */
final class ConsoleHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");

    /** The cookies this "browser" holds, by name. */
    final Map<String, String> cookies = new LinkedHashMap<>();

    HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                boolean cleared = value.isEmpty() || set.toLowerCase().contains("max-age=0");
                if (cleared) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException failed) {
            throw new AssertionError("no answer to " + method + " " + path + ": " + failed, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, Map.of(), null);
    }

    HttpResponse<String> postJson(String path, String json, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return send("POST", path, all, json);
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        String body = fields.entrySet().stream().map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send("POST", path, all, body);
    }

    /** Opens the sign-in form and submits the key with the form's token; returns the answer to the POST. */
    HttpResponse<String> signIn(String key, Map<String, String> headers) {
        HttpResponse<String> form = send("GET", "/console/sign-in", headers, null);
        return postForm("/console/sign-in", Map.of("api_key", key, "csrf", hiddenCsrf(form.body())), headers);
    }

    /** The CSRF token a console page gives its script. */
    String pageCsrf(String path) {
        HttpResponse<String> page = get(path);
        Matcher found = META_CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !found.find()) {
            throw new AssertionError(path + " -> " + page.statusCode() + " without a csrf meta tag: " + page.body());
        }
        return found.group(1);
    }

    static String hiddenCsrf(String html) {
        Matcher found = HIDDEN_CSRF.matcher(html);
        if (!found.find()) {
            throw new AssertionError("no csrf field in: " + html);
        }
        return found.group(1);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException notJson) {
            throw new AssertionError("not JSON: " + response.body(), notJson);
        }
    }

    /** Creates a key as the test admin; returns the answer (plaintext in "key", id in "id"). */
    static JsonNode createKey(String name, String role) {
        HttpResponse<String> created = new ConsoleHttp().postJson("/v1/keys",
                "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}", Map.of("Authorization",
                        TestKeys.ADMIN_BEARER));
        if (created.statusCode() != 201) {
            throw new AssertionError("POST /v1/keys -> " + created.statusCode() + " " + created.body());
        }
        return json(created);
    }

    static void revokeKey(String id) {
        HttpResponse<String> revoked = new ConsoleHttp().send("DELETE", "/v1/keys/" + id, Map.of("Authorization",
                TestKeys.ADMIN_BEARER), null);
        if (revoked.statusCode() / 100 != 2) {
            throw new AssertionError("DELETE /v1/keys/" + id + " -> " + revoked.statusCode() + " " + revoked.body());
        }
    }
}
