package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.SignalResult;

class HedgingSignalTest {

    private final HedgingSignal signal = new HedgingSignal();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain answer     | You can return unused items within 30 days.                     | 1.0",
        "policy 'may'     | Refunds may take up to 5 business days.                         | 1.0",
        "hedge            | I'm not sure, but I think returns take 30 days.                 | 0.65",
        "two hedges       | Returns probably take 30 days. Shipping is perhaps free.        | 0.3"})
    void hedgesLowerTheValue(String kind, String answer, double value) {
        SignalResult result = signal.evaluate(Fixtures.context(answer)).orElseThrow();
        assertThat(result.value()).as(result.reason()).isCloseTo(value, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.flags().isEmpty()).isEqualTo(value == 1.0);
    }

    @Test
    void aRefusalIsNotAHedgeButAnAnswerTypeOfItsOwn() {
        // Until #13 a refusal set hedging to 0; it is now the refusal signal's case (RefusalSignalTest).
        assertThat(signal.evaluate(Fixtures.context("I cannot find that information in the provided documents.")))
                .isEmpty();
    }
}
