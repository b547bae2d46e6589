package io.confidencegateway.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.inference.GatewayError;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.smallrye.mutiny.Uni;

class VerifierServiceTest {

    private static final ScoringContext CONTEXT = ScoringContext.of(null, List.of(new Passage(1, "a.md", null,
            "Refunds within 30 days.")), "Refunds take 30 days.", null);

    /** A scripted verifier: answers with what it is given, after a delay, or never. */
    private static class Scripted implements Verifier {
        private final String name;
        private final Duration timeout;
        private final Optional<String> unavailable;
        private final Uni<Verification> reply;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<Duration> givenTimeout = new AtomicReference<>();

        Scripted(String name, Duration timeout, Optional<String> unavailable, Uni<Verification> reply) {
            this.name = name;
            this.timeout = timeout;
            this.unavailable = unavailable;
            this.reply = reply;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public Optional<String> unavailable() {
            return unavailable;
        }

        @Override
        public Uni<Verification> verify(Input input) {
            calls.incrementAndGet();
            givenTimeout.set(input.timeout());
            return reply;
        }
    }

    private static Uni<Verification> ok(String name, double value) {
        return Uni.createFrom().item(Verification.of(name, SignalResult.of(value, "fine"), null));
    }

    private static List<Verification> run(VerifierService service, List<String> wanted, Duration left) {
        return service.verify("p", wanted, CONTEXT, left).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void verifiersRunInTheOrderAskedAndEachKeepsItsSignal() {
        var a = new Scripted("a", Duration.ofSeconds(1), Optional.empty(), ok("a", 0.9));
        var b = new Scripted("b", Duration.ofSeconds(1), Optional.empty(), ok("b", 0.2));

        List<Verification> out = run(new VerifierService(List.of(a, b)), List.of("b", "a", "b"), Duration.ofSeconds(9));

        assertThat(out).extracting(Verification::name).containsExactly("b", "a");
        assertThat(out.get(0).result().orElseThrow().value()).isEqualTo(0.2);
        assertThat(b.calls).hasValue(1);
    }

    @Test
    void theTimeoutIsTheVerifiersOwnOrTheBudgetLeftWhicheverIsShorter() {
        var a = new Scripted("a", Duration.ofMillis(800), Optional.empty(), ok("a", 1));
        var service = new VerifierService(List.of(a));

        run(service, List.of("a"), Duration.ofMillis(300));
        assertThat(a.givenTimeout).hasValue(Duration.ofMillis(300));
        run(service, List.of("a"), Duration.ofMillis(800));
        assertThat(a.givenTimeout).hasValue(Duration.ofMillis(800));
        run(service, List.of("a"), Duration.ofSeconds(5));
        assertThat(a.givenTimeout).hasValue(Duration.ofMillis(800));
    }

    @Test
    void aVerifierThatOutlastsTheBudgetLeftIsAbsentAndSaysItWasTheBudget() {
        var slow = new Scripted("slow", Duration.ofSeconds(5), Optional.empty(), Uni.createFrom().nothing());

        long started = System.nanoTime();
        Verification v = run(new VerifierService(List.of(slow)), List.of("slow"), Duration.ofMillis(150)).get(0);

        assertThat(v.result()).isEmpty();
        assertThat(v.absentBecause()).isEqualTo("no reply within 150 ms (what was left of the product's latency "
                + "budget)");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void aVerifierThatOutlastsItsOwnTimeoutSaysSo() {
        var slow = new Scripted("slow", Duration.ofMillis(100), Optional.empty(), Uni.createFrom().nothing());

        Verification v = run(new VerifierService(List.of(slow)), List.of("slow"), Duration.ofSeconds(5)).get(0);

        assertThat(v.absentBecause()).isEqualTo("no reply within 100 ms (the verifier's timeout)");
    }

    @Test
    void aFailedCallIsAnAbsentSignalWithTheFailure() {
        var failing = new Scripted("f", Duration.ofSeconds(1), Optional.empty(), Uni.createFrom().failure(
                new ProviderException(new ProviderFailure.ServerError("entailment", 500, "boom"))));

        Verification v = run(new VerifierService(List.of(failing)), List.of("f"), Duration.ofSeconds(5)).get(0);

        assertThat(v.result()).isEmpty();
        assertThat(v.absentBecause()).startsWith("the call failed: ").contains("500");
    }

    @Test
    void aVerifierThatThrowsInsteadOfFailingTheUniIsStillAbsent() {
        var throwing = new Scripted("t", Duration.ofSeconds(1), Optional.empty(), null) {
            @Override
            public Uni<Verification> verify(Input input) {
                throw new IllegalStateException("no route");
            }
        };

        Verification v = run(new VerifierService(List.of(throwing)), List.of("t"), Duration.ofSeconds(5)).get(0);

        assertThat(v.absentBecause()).isEqualTo("the call failed: IllegalStateException");
    }

    @Test
    void aJudgeRequestTheGatewayRefusesIsAbsentWithTheRefusal() {
        var refused = new Scripted("judge", Duration.ofSeconds(1), Optional.empty(), null) {
            @Override
            public Uni<Verification> verify(Input input) {
                throw new GatewayError.Rejection(new GatewayError.ProviderDisabled("judge-model",
                        "provider 'openai' has no API key"));
            }
        };

        Verification v = run(new VerifierService(List.of(refused)), List.of("judge"), Duration.ofSeconds(5)).get(0);

        assertThat(v.absentBecause()).isEqualTo("the judge model refused the request: provider 'openai' has no API "
                + "key");
    }

    @Test
    void noBudgetLeftMeansNoCall() {
        var a = new Scripted("a", Duration.ofSeconds(1), Optional.empty(), ok("a", 1));

        Verification v = run(new VerifierService(List.of(a)), List.of("a"), Duration.ZERO).get(0);

        assertThat(a.calls).hasValue(0);
        assertThat(v.absentBecause()).isEqualTo("no time left in the product's latency budget");
    }

    @Test
    void unknownAndUnconfiguredVerifiersAreNamedWithWhatToDo() {
        var judge = new Scripted("judge", Duration.ofSeconds(1), Optional.of("set gateway.verifiers.judge.model "
                + "to a model alias"), ok("judge", 1));
        var entailment = new Scripted("entailment", Duration.ofSeconds(1), Optional.empty(), ok("entailment", 1));
        var service = new VerifierService(List.of(judge, entailment));

        assertThat(service.problem("oracle")).hasValue("'oracle' is not a verifier; known: entailment, judge");
        assertThat(service.problem("judge")).hasValue("'judge' is not configured on this gateway: set "
                + "gateway.verifiers.judge.model to a model alias");
        assertThat(service.problem("entailment")).isEmpty();
        assertThat(run(service, List.of("judge"), Duration.ofSeconds(1)).get(0).absentBecause())
                .startsWith("'judge' is not configured");
        assertThat(judge.calls).hasValue(0);
    }
}
