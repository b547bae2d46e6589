package io.confidencegateway.access;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * CPU per request of the access check as {@link AccessFilter} runs it in steady state: the route's rule, the bearer
 * header, the SHA-256 of the key, the lookup in a table of {@code keys} keys and the decision. Prints ns of CPU per
 * check on the calling thread (median of 5 rounds). Not a test: run it with
 * {@code java -cp target/classes:target/test-classes io.confidencegateway.access.KeyCheckCost [keys] [checks]}.
 */
public final class KeyCheckCost {

    private KeyCheckCost() {
    }

    public static void main(String[] args) {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Map<String, ApiKey> table = new HashMap<>();
        String mine = null;
        for (int i = 0; i < keys; i++) {
            String key = ApiKeyFormat.generate();
            table.put(ApiKeyFormat.hash(key), new ApiKey(UUID.randomUUID(), "key-" + i, ApiKeyFormat.visible(key),
                    ApiKeyFormat.hash(key), Role.CLIENT, null, null, null, null, null, null, null, null, false,
                    Instant.now(), null));
            mine = key;
        }
        String header = "Bearer " + mine;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] rounds = new long[5];
        int allowed = 0;
        for (int warm = 0; warm < 3; warm++) {
            allowed += run(table, header, checks);
        }
        for (int r = 0; r < rounds.length; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            allowed += run(table, header, checks);
            rounds[r] = (threads.getCurrentThreadCpuTime() - cpu) / checks;
        }
        java.util.Arrays.sort(rounds);
        System.out.printf("access check: %d ns CPU per request (median of 5 rounds of %d, %d keys; %d allowed)%n",
                rounds[2], checks, keys, allowed);
    }

    private static int run(Map<String, ApiKey> table, String header, int checks) {
        int allowed = 0;
        for (int i = 0; i < checks; i++) {
            Optional<Role> required = AccessPolicy.required("POST", "/v1/chat/completions");
            String sent = AccessFilter.bearer(header);
            ApiKey stored = table.get(ApiKeyFormat.hash(sent));
            if (AccessPolicy.decide(required.orElseThrow(), sent, stored, AccessPolicy.productOfPath(
                    "/v1/chat/completions"), Instant.now()) instanceof AccessPolicy.Decision.Allow) {
                allowed++;
            }
        }
        return allowed;
    }
}
