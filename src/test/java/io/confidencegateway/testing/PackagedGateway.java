package io.confidencegateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) in a child JVM, as a user runs it: on a port
 * the OS picks (read back from the start-up log), with the settings given as system properties. Used by the
 * {@code *IT} tests that need what a {@code @QuarkusTest} cannot do, such as killing the process.
 */
public final class PackagedGateway implements AutoCloseable {

    /** Quarkus logs the port it listens on; with {@code quarkus.http.port=0} this is the only place to learn it. */
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:\\s]+:(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http;

    private PackagedGateway(Process process, Path log, int port, HttpClient http) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.http = http;
    }

    /**
     * Starts the jar with these settings and waits (at most {@code startWithin}) until it is ready: its readiness
     * check is UP, which includes the demo product's knowledge base being seeded.
     */
    public static PackagedGateway start(Map<String, String> settings, Path log, Duration startWithin) {
        Path jar = Path.of(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run the IT through ./mvnw verify (after package)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small heap and the serial collector, as the README runs it on a small host: this box is shared.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=0"));
        if (!settings.containsKey("gateway.access.admin-key")) {
            command.add("-Dgateway.access.admin-key=" + TestKeys.ADMIN);
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long logStart = Files.size(log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            int port;
            try {
                port = Awaitility.await("the gateway logs its port").atMost(startWithin)
                        .pollInterval(Duration.ofMillis(100)).until(() -> portIn(log, logStart, process), p -> p > 0);
            } catch (RuntimeException notStarted) {
                process.destroyForcibly();
                throw new IllegalStateException("the gateway did not start; its log: " + log, notStarted);
            }
            PackagedGateway gateway = new PackagedGateway(process, log, port, http);
            try {
                Awaitility.await("the gateway is ready").atMost(startWithin).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions().until(() -> gateway.get("/q/health/ready").statusCode() == 200);
            } catch (RuntimeException notReady) {
                process.destroyForcibly();
                throw new IllegalStateException("the gateway did not become ready; its log: " + log, notReady);
            }
            return gateway;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static int portIn(Path log, long from, Process process) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the gateway exited with " + process.exitValue());
        }
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                StandardCharsets.UTF_8);
        Matcher found = LISTENING.matcher(text);
        return found.find() ? Integer.parseInt(found.group(1)) : -1;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", TestKeys.ADMIN_BEARER).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any call with exactly this key (null: none) and an optional JSON body. */
    public HttpResponse<String> call(String method, String path, String key, String json)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs JSON with extra headers given as name, value, name, value… */
    public HttpResponse<String> post(String path, String json, String... headers)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", TestKeys.ADMIN_BEARER)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a file as the multipart part {@code file}, with the admin key. */
    public HttpResponse<String> upload(String path, String fileName, String contentType, byte[] bytes)
            throws IOException, InterruptedException {
        String boundary = "----gateway-test-" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", TestKeys.ADMIN_BEARER)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Kills the process the way {@code kill -9} does and returns its exit code. On Linux {@link
     * Process#destroyForcibly()} sends SIGKILL, so the exit code is 128 + 9 = 137; the caller asserts that, which
     * proves no shutdown hook ran.
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gateway did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    /**
     * Sends SIGTERM ({@link Process#destroy()} on Linux), as Kubernetes does to a pod it stops, and waits for the
     * process to exit; its exit code (143 = 128 + SIGTERM when the JVM ran its shutdown hooks).
     */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the gateway did not stop within " + within + " of SIGTERM; its log: "
                    + log);
        }
        return process.exitValue();
    }

    /** Stops it gracefully (SIGTERM), as an operator would; kills it if it does not stop within 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
