package io.confidencegateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.review.ReviewQueue;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A bounded, seeded fuzz run over every operation in {@code /q/openapi}: each case takes a valid call of a random
 * operation and breaks it ({@link FuzzMutations}). No case may get a 5xx, and every error must be in its promised
 * shape with the right content type. Replay a failing run with {@code -Dfuzz.seed=<seed>} (printed in the
 * failure); {@code -Dfuzz.cases=<n>} runs more cases.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class OpenApiFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_202L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 400);

    @Inject
    ReviewQueue queue;

    @Test
    void fuzzedCallsOfEveryOperationNeverGetA5xxAndEveryErrorIsInItsPromisedShape() {
        Http http = new Http(RestAssured.port);
        OpenApiDocument document = OpenApiDocument.parse(http.send(Http.Call.of("GET", "/q/openapi?format=json"))
                .body());
        ErrorShapes shapes = ErrorShapes.of(document);
        OperationCalls calls = new OperationCalls(new ContractFixtures(http, queue));
        List<OpenApiDocument.Op> operations = document.operations();
        Map<String, Set<String>> methodsByPath = operations.stream().collect(Collectors.groupingBy(
                OpenApiDocument.Op::path, Collectors.mapping(OpenApiDocument.Op::method, Collectors.toSet())));
        Map<OpenApiDocument.Op, Http.Call> valid = new HashMap<>();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        long started = System.nanoTime();

        for (int n = 0; n < CASES; n++) {
            OpenApiDocument.Op op = operations.get(random.nextInt(operations.size()));
            Http.Call base = valid.computeIfAbsent(op, calls::valid);
            OperationCalls.Labelled fuzzed = new FuzzMutations(methodsByPath.get(op.path())).mutate(base, random);
            Http.Reply reply = http.send(fuzzed.call());
            statuses.merge(reply.status(), 1, Integer::sum);
            String seen = "case " + n + " " + op + " [" + fuzzed.label() + "] " + fuzzed.call().describe() + " -> "
                    + reply.status() + " " + reply.contentType() + " " + ErrorShapes.abbreviate(reply.body());
            if (reply.status() >= 500) {
                failures.add(seen + ": a 5xx");
            }
            if (reply.status() >= 400) {
                shapes.problemsWith(fuzzed.call().method(), fuzzed.call().pathAndQuery(), reply)
                        .forEach(problem -> failures.add(seen + ": " + problem));
            }
        }

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("fuzz: %d cases, seed %d, %d s, statuses %s%n", CASES, SEED, seconds, statuses);
        assertThat(failures).as("fuzz seed %d, %d cases (replay: -Dfuzz.seed=%d -Dfuzz.cases=%d)", SEED, CASES, SEED,
                CASES).isEmpty();
    }
}
