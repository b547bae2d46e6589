package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.confidence.Fixtures;

class RetrievalStrengthSignalTest {

    private final RetrievalStrengthSignal signal = new RetrievalStrengthSignal();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "on topic         | How long do I have to return an item for a refund? | 0.6 | 1.0",
        "partly on topic  | Does the warranty cover water damage to my phone?   | 0.3 | 0.8",
        "off topic        | Do you sell gift vouchers for birthdays?            | 0.0 | 0.2"})
    void measuresHowMuchOfTheQuestionOnePassageCovers(String kind, String question, double low, double high) {
        double value = signal.evaluate(Fixtures.context(question, "Some answer.", null)).orElseThrow().value();
        assertThat(value).isBetween(low, high);
    }

    @org.junit.jupiter.api.Test
    void doesNotApplyWithoutAQuestion() {
        assertThat(signal.evaluate(Fixtures.context(null, "Some answer.", null))).isEmpty();
    }
}
