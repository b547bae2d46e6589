package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;

class AnswerableRefusalSignalTest {

    private final AnswerableRefusalSignal signal = new AnswerableRefusalSignal();

    private static ScoringContext context(String question, String answer) {
        return ScoringContext.of(question, Fixtures.POLICY, answer, null);
    }

    @Test
    void aRefusalWhereAPassageSentenceHoldsEveryQuestionTermIsAMiss() {
        SignalResult result = signal.evaluate(context("Can opened software be returned?",
                "Unable to answer based on given passages.")).orElseThrow();
        assertThat(result.value()).isZero();
        assertThat(result.reason()).startsWith("the answer declines, but passage [1] has every term of the question")
                .endsWith(": a refusal where the passages hold the answer is a miss");
    }

    @Test
    void aRefusalThePassagesBearOutIsNotThisSignalsCase() {
        assertThat(signal.evaluate(context("Do you sell gift cards for weddings?",
                "Unable to answer based on given passages."))).isEmpty();
    }

    @Test
    void anAnswerThatClaimsSomethingIsNotARefusal() {
        assertThat(signal.evaluate(context("Can opened software be returned?",
                "Opened software cannot be returned."))).isEmpty();
        assertThat(signal.evaluate(context("Can opened software be returned?", "Opened software cannot be "
                + "returned. Unable to answer based on given passages."))).isEmpty();
    }
}
