package io.confidencegateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Two packaged gateways on the test PostgreSQL database, as two replicas behind a load balancer, for the
 * {@code *ReplicasIT} tests. Each gets its own data directory ({@code target/<name>-a-…}) and log
 * ({@code target/failsafe-reports/<name>-a.log}); closing stops B, then A.
 */
public final class GatewayReplicas implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "failsafe-reports");

    private final PackagedGateway a;
    private final PackagedGateway b;

    private GatewayReplicas(PackagedGateway a, PackagedGateway b) {
        this.a = a;
        this.b = b;
    }

    /**
     * Starts replica A, then B, each on {@link TestDatabase} with these further settings, and waits (at most
     * {@code startWithin} each) until both are ready; A is stopped again when B does not start.
     */
    public static GatewayReplicas start(String name, Map<String, String> settings, Duration startWithin)
            throws InterruptedException {
        PackagedGateway a = PackagedGateway.start(replica(name, "a", settings), LOGS.resolve(name + "-a.log"),
                startWithin);
        try {
            return new GatewayReplicas(a, PackagedGateway.start(replica(name, "b", settings),
                    LOGS.resolve(name + "-b.log"), startWithin));
        } catch (RuntimeException notStarted) {
            a.close();
            throw notStarted;
        }
    }

    private static Map<String, String> replica(String name, String replica, Map<String, String> settings) {
        var all = new HashMap<>(TestDatabase.gatewaySettings());
        all.putAll(settings);
        try {
            all.put("gateway.data-dir", "./" + Files.createTempDirectory(Path.of("target"),
                    name + "-" + replica + "-"));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return all;
    }

    public PackagedGateway a() {
        return a;
    }

    public PackagedGateway b() {
        return b;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
