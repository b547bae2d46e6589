package io.confidencegateway.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Turns a valid call of an operation into a broken one, deterministically from a {@link Random}: wrong methods,
 * mutated path segments and query values, odd {@code Content-Type}, {@code Accept} and {@code Idempotency-Key}
 * headers, truncated or hostile bodies (huge numbers, deep nesting, wrong types, unicode, empty), very long URIs.
 */
final class FuzzMutations {

    /** The longest URI a fuzz case sends: below the HTTP codec's own limit, which answers a bare 414 (see README). */
    static final int LONGEST_URI = 60_000;

    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final List<String> SEGMENTS = List.of("", "..", "%2e%2e", "%00", "%E2%98%83", "%F0%9F%98%80",
            "null", "-1", "0", "99999999999999999999999", "%20", "a;b", "~", "%7Bid%7D", "a".repeat(300),
            "SUPPORT-COPILOT", "%27%20OR%201%3D1--");
    private static final List<String> QUERY_NAMES = List.of("page", "size", "status", "product", "from", "to", "week",
            "format", "x", "");
    private static final List<String> QUERY_VALUES = List.of("", "-1", "0", "1e309", "99999999999999999999", "abc",
            "%00", "%E2%98%83", "b".repeat(500), "2026-02-30", "2026-W99", "PENDING", "resolved", "%25", "1.5", "true");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
            "multipart/form-data", "application/json; charset=latin1", "x/y/z", "application/x-www-form-urlencoded",
            "application/problem+json", "text/event-stream", "*/*");
    private static final List<String> ACCEPTS = List.of("*/*", "application/json", "text/html", "text/event-stream",
            "application/xml", "garbage", "text/markdown", "application/json;q=0, text/html;q=0", "image/png");
    private static final List<String> KEYS = List.of("", " ", "k".repeat(10_000), "k".repeat(201), "ok-key",
            "%E2%98%83", "a,b", "0190e0a8-0000-7000-8000-000000000000");
    private static final List<String> VALUES = List.of("1".repeat(1500), "1e999999", "-0", "1.7976931348623157e309",
            "true", "{}", "[]", "null", "\"\\u0000\\ud83d\\ude00 \\u202e\"", "\"" + "x".repeat(5000) + "\"", "-1",
            "9223372036854775808", "0.0000000001", "\"\"", "[null]", "{\"a\":{\"b\":{\"c\":[]}}}");

    private final Set<String> documentedMethodsOfPath;

    FuzzMutations(Set<String> documentedMethodsOfPath) {
        this.documentedMethodsOfPath = documentedMethodsOfPath;
    }

    /** One broken variant of the valid call, with the mutations applied named in the label. */
    OperationCalls.Labelled mutate(Http.Call valid, Random random) {
        String method = valid.method();
        String uri = valid.pathAndQuery();
        var headers = new LinkedHashMap<>(valid.headers());
        byte[] body = valid.body();
        List<String> applied = new ArrayList<>();
        int mutations = 1 + random.nextInt(2);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(10)) {
                case 0 -> {
                    List<String> others = METHODS.stream().filter(x -> !documentedMethodsOfPath.contains(x)).toList();
                    method = others.isEmpty() ? method : pick(others, random);
                    applied.add("method " + method);
                }
                case 1, 2 -> {
                    uri = mutatePath(uri, random);
                    applied.add("path");
                }
                case 3 -> {
                    uri = uri + (uri.contains("?") ? "&" : "?") + pick(QUERY_NAMES, random) + "="
                            + pick(QUERY_VALUES, random);
                    applied.add("query");
                }
                case 4, 5 -> {
                    String name = pick(List.of("Content-Type", "Accept", "Idempotency-Key"), random);
                    String value = switch (name) {
                        case "Content-Type" -> pick(CONTENT_TYPES, random);
                        case "Accept" -> pick(ACCEPTS, random);
                        default -> pick(KEYS, random);
                    };
                    headers.put(name, value);
                    applied.add("header " + name);
                }
                case 6, 7, 8 -> {
                    body = mutateBody(body, headers, random);
                    applied.add("body");
                }
                default -> {
                    int room = LONGEST_URI - 8_300 - uri.length();
                    if (room > 0) {
                        uri = uri + (uri.contains("?") ? "&" : "?") + "q=" + "a".repeat(8_200 + random.nextInt(room));
                    }
                    applied.add("long URI");
                }
            }
        }
        return new OperationCalls.Labelled(String.join(", ", applied), new Http.Call(method, uri, headers, body));
    }

    private static String mutatePath(String uri, Random random) {
        String[] parts = uri.split("\\?", 2);
        List<String> segments = new ArrayList<>(Arrays.asList(parts[0].split("/", -1)));
        if (random.nextInt(4) == 0) {
            segments.add(pick(SEGMENTS, random));
        } else {
            // Segment 0 is the empty string before the leading slash; keep /v1 so the case reaches the API.
            int index = segments.size() <= 3 ? segments.size() - 1 : 2 + random.nextInt(segments.size() - 2);
            segments.set(index, pick(SEGMENTS, random));
        }
        return String.join("/", segments) + (parts.length > 1 ? "?" + parts[1] : "");
    }

    private static byte[] mutateBody(byte[] body, java.util.Map<String, String> headers, Random random) {
        String text = body == null ? "{}" : new String(body, StandardCharsets.UTF_8);
        boolean multipart = headers.getOrDefault("Content-Type", "").startsWith("multipart/");
        return switch (random.nextInt(multipart ? 3 : 9)) {
            case 0 -> new byte[0];
            case 1 -> text.substring(0, random.nextInt(Math.max(1, text.length()))).getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                yield noise;
            }
            case 3 -> replaceAValue(text, random).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[".repeat(2_000 + random.nextInt(3_000)) + "]".repeat(10)).getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"a\":".repeat(1_200) + "1" + "}".repeat(1_200)).getBytes(StandardCharsets.UTF_8);
            case 6 -> pick(List.of("null", "[]", "\"text\"", "42", "[1,2", "\ufeff{}", "{\"a\":1,\"a\":2}"), random)
                    .getBytes(StandardCharsets.UTF_8);
            case 7 -> replaceAValue(replaceAValue(text, random), random).getBytes(StandardCharsets.UTF_8);
            default -> text.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
        };
    }

    /** The valid body with one value (after a random colon) replaced by a hostile one. */
    private static String replaceAValue(String json, Random random) {
        List<Integer> colons = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            if (json.charAt(i) == ':') {
                colons.add(i);
            }
        }
        if (colons.isEmpty()) {
            return "{\"x\": " + pick(VALUES, random) + "}";
        }
        int at = pick(colons, random) + 1;
        int end = valueEnd(json, at);
        return json.substring(0, at) + " " + pick(VALUES, random) + json.substring(end);
    }

    // The end of the JSON value starting at 'from': matching brackets, skipping strings.
    private static int valueEnd(String json, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                case ',' -> {
                    if (depth == 0) {
                        return i;
                    }
                }
                default -> {
                }
            }
        }
        return json.length();
    }

    private static <T> T pick(List<T> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }
}
