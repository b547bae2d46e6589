package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.SignalResult;

class FactConsistencySignalTest {

    private final FactConsistencySignal signal = new FactConsistencySignal();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "same facts, other spelling | Orders above 1200 dollars ship free and returns are accepted for thirty days. | 1.0",
        "percent spelled out        | A battery under 80 percent capacity is a defect.                            | 1.0",
        "changed number             | Returns are accepted for 60 days.                                           | 0.5",
        "changed money              | Standard shipping costs $5.99.                                              | 0.5",
        "swapped name               | The warranty comes from Fabrikam.                                           | 0.5",
        "two invented facts         | Shipping costs $9.99 with Fabrikam.                                         | 0.3333"})
    void everyNumberAndNameMustAppearInSomePassage(String edit, String answer, double value) {
        SignalResult result = signal.evaluate(Fixtures.context(answer)).orElseThrow();
        assertThat(result.value()).as(result.reason()).isCloseTo(value, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void namesTheMissingFactsInItsReason() {
        SignalResult result = signal.evaluate(Fixtures.context("Returns are accepted for 60 days.")).orElseThrow();
        assertThat(result.reason()).isEqualTo("1 of 1 names and numbers appear in no passage: '60 days'");
        assertThat(result.flags()).singleElement().extracting(SignalResult.Flag::sentenceIndex).isEqualTo(0);
    }

    @Test
    void aNameThatIsInAPassageCountsAsFound() {
        SignalResult result = signal.evaluate(Fixtures.context("The warranty comes from Contoso.")).orElseThrow();

        assertThat(result.value()).isEqualTo(1.0);
        assertThat(result.reason()).isEqualTo("all 1 names and numbers appear in the passages");
        assertThat(result.flags()).isEmpty();
    }

    @Test
    void flagsTheSentenceThatHoldsTheMissingFactAndListsAtMostThreeDistinctFacts() {
        SignalResult result = signal.evaluate(Fixtures.context("The warranty comes from Contoso. Fabrikam, Litware, "
                + "Tailspin and Fabrikam again sell it for $7.77.")).orElseThrow();

        assertThat(result.reason()).startsWith("5 of 6 names and numbers appear in no passage: ")
                .endsWith("'fabrikam', 'litware', 'tailspin'");
        assertThat(result.flags()).singleElement().extracting(SignalResult.Flag::sentenceIndex).isEqualTo(1);
        assertThat(result.value()).isCloseTo(1.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void doesNotApplyWithoutNumbersOrNames() {
        assertThat(signal.evaluate(Fixtures.context("Unused items can be returned for a refund."))).isEmpty();
    }
}
