package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.SignalResult;

/** The content-share signals: unsupported content, invented phrases, novel word pairs, worst claim. */
class UnsupportedContentSignalTest {

    private static final String FAITHFUL = "Customers can return any unused item within 30 days of purchase for a "
            + "full refund.";
    private static final String ADDED = "Customers can return any unused item within 30 days of purchase for a full "
            + "refund and a loyalty voucher.";

    @Test
    void aCopiedAnswerHasNoUnsupportedContent() {
        SignalResult result = new UnsupportedContentSignal().evaluate(Fixtures.context(FAITHFUL)).orElseThrow();
        assertThat(result.value()).isEqualTo(1.0);
        assertThat(result.reason()).isEqualTo("every content word of the answer appears in the passages");
        assertThat(new InventedPhraseSignal().evaluate(Fixtures.context(FAITHFUL)).orElseThrow().value())
                .isEqualTo(1.0);
        assertThat(new NovelPhraseSignal().evaluate(Fixtures.context(FAITHFUL)).orElseThrow().value()).isEqualTo(1.0);
    }

    @Test
    void aSmallAdditionInsideASupportedSentenceIsSeen() {
        SignalResult content = new UnsupportedContentSignal().evaluate(Fixtures.context(ADDED)).orElseThrow();
        // customers return unused item within days purchase full refund loyalty voucher: 2 of 11 words are new.
        assertThat(content.value()).isCloseTo(1 - 2 / 11.0, within(1e-9));
        assertThat(content.reason()).isEqualTo("2 of 11 content words appear in no passage (18%): 'loyalty', "
                + "'voucher'");
        assertThat(content.flags()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("in no passage: 'loyalty', 'voucher'"));

        SignalResult phrases = new InventedPhraseSignal().evaluate(Fixtures.context(ADDED)).orElseThrow();
        assertThat(phrases.value()).isEqualTo(0.5);
        assertThat(phrases.flags()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("'loyalty voucher' is in no passage"));
    }

    @Test
    void oneNewWordIsAParaphraseNotAnInventedPhrase() {
        String answer = "Customers can return any unused item within 30 days of purchase for a complete refund.";
        assertThat(new InventedPhraseSignal().evaluate(Fixtures.context(answer)).orElseThrow().value())
                .isEqualTo(1.0);
        assertThat(new UnsupportedContentSignal().evaluate(Fixtures.context(answer)).orElseThrow().value())
                .isLessThan(1.0);
    }

    @Test
    void wordsOfTheQuestionAreNotInvented() {
        SignalResult result = new UnsupportedContentSignal().evaluate(Fixtures.context("How long is the return "
                + "window for a refund?", "The return window lasts 30 days.", null)).orElseThrow();
        // return, window, lasts, days: "window" is only in the question, "lasts" is new.
        assertThat(result.value()).isCloseTo(0.75, within(1e-9));
        assertThat(result.reason()).contains("'lasts'").doesNotContain("'window'");
    }

    @Test
    void wordsFromThePassagesPutTogetherAnewAreANovelPair() {
        // "canada" and "refund" are both in the passages, never next to each other.
        SignalResult result = new NovelPhraseSignal().evaluate(Fixtures.context("Canada refunds arrive within 5 "
                + "business days.")).orElseThrow();
        assertThat(result.value()).isLessThan(1.0);
        assertThat(result.reason()).contains("'canada refunds'");
    }

    @Test
    void theWorstClaimIsNotDilutedBySoundOnes() {
        String answer = FAITHFUL + " Refunds are paid to the original card within 5 business days. Gift vouchers "
                + "earn loyalty points.";
        SignalResult worst = new WorstUnsupportedSignal().evaluate(Fixtures.context(answer)).orElseThrow();
        // gift vouchers earn loyalty points: all 5 content words new.
        assertThat(worst.value()).isEqualTo(0.0);
        assertThat(worst.reason()).isEqualTo("worst claim (sentence 2): 100% of its content words are in no passage");
        assertThat(new UnsupportedContentSignal().evaluate(Fixtures.context(answer)).orElseThrow().value())
                .isGreaterThan(0.5);
    }

    @Test
    void noneOfThemJudgeARefusal() {
        String refusal = "Unable to answer based on given passages.";
        assertThat(new UnsupportedContentSignal().evaluate(Fixtures.context(refusal))).isEmpty();
        assertThat(new InventedPhraseSignal().evaluate(Fixtures.context(refusal))).isEmpty();
        assertThat(new NovelPhraseSignal().evaluate(Fixtures.context(refusal))).isEmpty();
        assertThat(new WorstUnsupportedSignal().evaluate(Fixtures.context(refusal))).isEmpty();
    }
}
