package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.chat.Logprobs;
import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.SignalResult;

class TokenProbabilitySignalTest {

    private final TokenProbabilitySignal signal = new TokenProbabilitySignal();

    private static Logprobs tokens(double... probabilities) {
        return new Logprobs(java.util.Arrays.stream(probabilities)
                .mapToObj(p -> new Logprobs.TokenLogprob("t" + p, Math.log(p), null, null)).toList());
    }

    @Test
    void sureTokensScoreHigherThanOneUnlikelyToken() {
        double sure = value(tokens(0.99, 0.98, 0.97, 0.99));
        double oneGuess = value(tokens(0.99, 0.98, 0.05, 0.99));
        assertThat(sure).isGreaterThan(0.95);
        assertThat(oneGuess).isLessThan(sure - 0.2);
    }

    @Test
    void namesTheWeakestToken() {
        SignalResult result = signal.evaluate(Fixtures.context(null, "x", tokens(0.9, 0.1))).orElseThrow();
        assertThat(result.reason()).isEqualTo("mean token probability 0.50, lowest 0.10 ('t0.1')");
    }

    @Test
    void doesNotApplyWithoutLogprobs() {
        assertThat(signal.evaluate(Fixtures.context(null, "x", null))).isEmpty();
        assertThat(signal.evaluate(Fixtures.context(null, "x", new Logprobs(List.of())))).isEmpty();
    }

    private double value(Logprobs logprobs) {
        return signal.evaluate(Fixtures.context(null, "x", logprobs)).orElseThrow().value();
    }
}
