package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.SignalResult;

class CitationSignalTest {

    private final CitationSignal signal = new CitationSignal();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "right passage      | Unused items can be returned within 30 days for a full refund [1].  | 1.0 | ",
        "paraphrase, cited  | You get your money back on the original card within 5 business days [1]. | 1.0 | ",
        "no such passage    | Unused items can be returned within 30 days for a full refund [7].  | 0.0 | no passage 7",
        "wrong passage      | Unused items can be returned within 30 days for a full refund [2].  | 0.0 | does not support",
        "changed number     | Unused items can be returned within 90 days for a full refund [1].  | 0.0 | does not support"})
    void markersMustPointAtAPassageThatSupportsTheSentence(String edit, String answer, double value, String why) {
        SignalResult result = signal.evaluate(Fixtures.context(answer)).orElseThrow();
        assertThat(result.value()).as(result.reason()).isEqualTo(value);
        if (why != null) {
            assertThat(result.flags()).singleElement().extracting(SignalResult.Flag::reason).asString().contains(why);
        }
    }

    @Test
    void countsCitingSentencesOnly() {
        SignalResult result = signal.evaluate(Fixtures.context("Standard shipping costs $4.99 [2]. Opened software "
                + "cannot be returned [3]. Thanks for asking.")).orElseThrow();
        assertThat(result.reason()).isEqualTo("1 of 2 citing sentences are supported by the passage they cite");
        assertThat(result.flags()).extracting(SignalResult.Flag::sentenceIndex).containsExactly(1);
    }

    @Test
    void doesNotApplyWithoutMarkers() {
        assertThat(signal.evaluate(Fixtures.context("Standard shipping costs $4.99."))).isEmpty();
    }
}
