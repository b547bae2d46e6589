package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;

class ClaimSupportSignalTest {

    private final ClaimSupportSignal signal = new ClaimSupportSignal();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "faithful                   | You can return an unused item within 30 days of purchase for a full refund. | true",
        "paraphrase still supported | Unused items may be sent back within thirty days after purchase for a full refund. | true",
        "changed number             | You can return an unused item within 45 days of purchase for a full refund. | false",
        "swapped name               | Orders over $1,200 ship free with Fabrikam Express.                          | false",
        "negation added             | Customers cannot return unused items within 30 days of purchase.             | false",
        "antonym                    | Battery capacity above 80% counts as a defect.                               | false",
        "invented claim             | Gift cards are refunded as store credit plus a loyalty bonus voucher.        | false"})
    void judgesEachSentenceAgainstItsBestPassageWindow(String edit, String answer, boolean supported) {
        SignalResult result = signal.evaluate(Fixtures.context(answer)).orElseThrow();
        assertThat(result.flags().isEmpty()).as(result.reason()).isEqualTo(supported);
        if (supported) {
            assertThat(result.value()).isGreaterThanOrEqualTo(0.9);
        } else {
            assertThat(result.value()).isLessThan(0.5);
            assertThat(result.flags().get(0).sentenceIndex()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negation moved to another verb | The police have not opened an inquiry and found traces of poison.  | false",
        "same negation, other wording   | The police, who have opened an inquiry, found no traces of poison. | true"})
    void comparesWhatEachNegationGoverns(String edit, String answer, boolean supported) {
        List<Passage> passages = List.of(Passage.of(1, "The police, who have opened an inquiry, have not found any "
                + "traces of poison."));
        SignalResult result = signal.evaluate(ScoringContext.of(null, passages, answer, null)).orElseThrow();
        assertThat(result.flags().isEmpty()).as(result.reason()).isEqualTo(supported);
        if (!supported) {
            assertThat(result.reason()).contains("negation differs");
        }
    }

    @Test
    void oneWrongSentenceSinksALongAnswerAsMuchAsAShortOne() {
        String wrong = "Every laptop carries a five-year warranty from Contoso.";
        String right = "Standard shipping costs $4.99. Refunds are paid to the original card within 5 business "
                + "days. Opened software cannot be returned. Orders over $1,200 ship free with Northwind Express. ";
        double alone = signal.evaluate(Fixtures.context(wrong)).orElseThrow().value();
        double amongRightOnes = signal.evaluate(Fixtures.context(right + wrong)).orElseThrow().value();
        assertThat(amongRightOnes).isEqualTo(alone).isLessThan(0.5);
    }

    @Test
    void flagsOnlyTheUnsupportedSentenceByIndex() {
        SignalResult result = signal.evaluate(Fixtures.context("Standard shipping costs $4.99. "
                + "Every laptop carries a five-year warranty from Contoso.")).orElseThrow();
        assertThat(result.reason()).isEqualTo("1 of 2 sentences lack support; weakest (sentence 1): no passage "
                + "states 'five-year'");
        assertThat(result.flags()).singleElement().satisfies(flag -> {
            assertThat(flag.sentenceIndex()).isEqualTo(1);
            assertThat(flag.reason()).contains("'five-year'");
        });
    }
}
