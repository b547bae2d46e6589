/*
 * H2 file size and write cost against the packaged gateway: starts target/quarkus-app/quarkus-run.jar on a fresh
 * data dir, asks the demo product one question, posts 3,000 feedback events with one client (-Dwarm=N for another
 * count), prints the size of gateway.mv.db then and 3 s later, times 1,000 posts with 1 and with 4 clients, and
 * stops the gateway gracefully (size after the stop). Bounded: every request has a 30 s timeout, start-up 90 s.
 *
 *   ./mvnw -B package -DskipTests
 *   d=$(mktemp -d) && java bench/H2FileSize.java target/quarkus-app/quarkus-run.jar $d 18737            # as shipped
 *   d=$(mktemp -d) && java bench/H2FileSize.java target/quarkus-app/quarkus-run.jar $d 18737 \
 *       -Dgateway.database.h2-compaction.interval=0s                                          # no compaction
 *
 * Pick a free port (ss -ltn). Extra arguments after the port are passed to the gateway's JVM.
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public class H2FileSize {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String base;

    static HttpResponse<String> post(String path, String json, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** n feedback posts on one answer, spread over the clients; any status but 201 stops the run. */
    static void posts(String answer, int n, int clients, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(pool.submit(() -> {
                for (int i = 0; i < n / clients; i++) {
                    String body = "{\"rating\":\"" + (i % 2 == 0 ? "up" : "down") + "\",\"csat\":" + (1 + i % 5) + "}";
                    var response = post("/v1/answers/" + answer + "/feedback", body, tag + "-" + client + "-" + i);
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                }
                return null;
            }));
        }
        for (var each : running) {
            each.get();
        }
        pool.shutdown();
    }

    static boolean ready() {
        try {
            var request = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(5));
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + port, "-Dgateway.data-dir=" + args[1]));
        command.addAll(List.of(args).subList(3, args.length));
        command.addAll(List.of("-jar", args[0]));
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        long deadline = System.currentTimeMillis() + 90_000;
        while (!ready()) {
            if (System.currentTimeMillis() > deadline || !gateway.isAlive()) {
                gateway.destroyForcibly();
                throw new IllegalStateException("the gateway did not become ready; see " + data + ".log");
            }
            Thread.sleep(200);
        }
        Path file = data.resolve("gateway.mv.db");
        try {
            var answer = post("/v1/answers",
                    "{\"product\":\"support-copilot\",\"question\":\"How long is the refund window?\"}", null);
            String id = answer.body().replaceAll("(?s)^.*?\"id\"\\s*:\\s*\"([^\"]+)\".*$", "$1");
            int warm = Integer.getInteger("warm", 3000);
            long atStart = Files.size(file);
            long began = System.nanoTime();
            posts(id, warm, 1, "warm");
            long warmMillis = (System.nanoTime() - began) / 1_000_000;
            long afterWarm = Files.size(file);
            Thread.sleep(3000);
            long afterIdle = Files.size(file);
            began = System.nanoTime();
            posts(id, 1000, 1, "one");
            long oneMillis = (System.nanoTime() - began) / 1_000_000;
            began = System.nanoTime();
            posts(id, 1000, 4, "four");
            long fourMillis = (System.nanoTime() - began) / 1_000_000;
            System.out.printf("start=%dKB after%d=%dKB (+3s idle: %dKB) %dposts=%dms 1000x1=%dms 1000x4=%dms "
                    + "after%d=%dKB%n", atStart / 1024, warm, afterWarm / 1024, afterIdle / 1024, warm, warmMillis,
                    oneMillis, fourMillis, warm + 2000, Files.size(file) / 1024);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(60, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
            System.out.printf("after graceful stop=%dKB%n", Files.size(file) / 1024);
        }
    }
}
