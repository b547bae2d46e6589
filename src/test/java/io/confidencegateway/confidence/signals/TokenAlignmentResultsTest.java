package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.align.TokenAlignment;

/** What each alignment signal makes of a given alignment: values, edges of the flag rule, the words it says. */
class TokenAlignmentResultsTest {

    private static TokenAlignment.Sentence sentence(int index, double precision, int content, int unmatched,
            String... spans) {
        return new TokenAlignment.Sentence(index, precision, content, unmatched, List.of(spans));
    }

    private static TokenAlignment.Result result(TokenAlignment.Sentence... sentences) {
        int content = 0;
        int unmatched = 0;
        for (TokenAlignment.Sentence s : sentences) {
            content += s.contentWords();
            unmatched += s.unmatchedWords();
        }
        return new TokenAlignment.Result(List.of(sentences), List.of(), content, unmatched);
    }

    @Test
    void aSentenceIsFlaggedFromAQuarterOfItsWordsUnmatchedNotBelow() {
        var alignment = result(sentence(0, 0.9, 4, 1, "for an hour"), sentence(1, 0.9, 5, 1, "free"),
                sentence(2, 0.95, 3, 0));

        SignalResult share = TokenMatchShareSignal.result(alignment);

        assertThat(share.flags()).containsExactly(new SignalResult.Flag(0,
                "'for an hour' has no close match in any passage"));
        assertThat(share.value()).isCloseTo(1 - 2 / 12.0, within(1e-9));
        assertThat(share.reason()).isEqualTo("2 of 12 content words: 'for an hour', 'free' have no close match in "
                + "any passage");
    }

    @Test
    void aFullyMatchedAnswerHasShareOneAndSaysSo() {
        SignalResult share = TokenMatchShareSignal.result(result(sentence(0, 0.97, 6, 0)));

        assertThat(share.value()).isEqualTo(1.0);
        assertThat(share.flags()).isEmpty();
        assertThat(share.reason()).isEqualTo("all 6 content words have a close match in the passages");
    }

    @Test
    void theMeanIsOverScoredSentencesAndTheWeakestIsNamed() {
        var alignment = result(sentence(0, 0.9, 4, 0), sentence(1, 0, 0, 0), sentence(2, 0.6, 5, 2, "casino"));

        SignalResult mean = TokenAlignmentSignal.result(alignment);
        SignalResult worst = WorstSentenceAlignmentSignal.result(alignment);

        assertThat(mean.value()).isCloseTo(0.75, within(1e-9));
        assertThat(mean.reason()).isEqualTo("the answer's words align with the passages at 0.75 on average over 2 "
                + "sentences; weakest: sentence 2 at 0.60");
        assertThat(worst.value()).isCloseTo(0.6, within(1e-9));
        assertThat(worst.reason()).isEqualTo("weakest sentence (2) aligns with the passages at 0.60: 'casino' has no "
                + "close match in any passage");
    }

    @Test
    void ofTwoEquallyWeakSentencesTheFirstIsNamed() {
        var alignment = result(sentence(0, 0.7, 4, 0), sentence(1, 0.7, 4, 0));

        assertThat(WorstSentenceAlignmentSignal.result(alignment).reason()).startsWith("weakest sentence (0)");
    }

    @Test
    void aOneSentenceAnswerHasNoWeakestClause() {
        assertThat(TokenAlignmentSignal.result(result(sentence(0, 0.8, 3, 0))).reason())
                .isEqualTo("the answer's words align with the passages at 0.80");
    }

    @Test
    void theUnmatchedWordCountIsHalfAtFiveWordsAndTheReasonQuotesAtMostThreeSpans() {
        assertThat(UnmatchedWordsSignal.value(0)).isEqualTo(1.0);
        assertThat(UnmatchedWordsSignal.value(5)).isEqualTo(0.5);
        assertThat(UnmatchedWordsSignal.value(15)).isEqualTo(0.25);
        var alignment = result(sentence(0, 0.5, 9, 5, "a", "b c", "d", "e"));

        assertThat(io.confidencegateway.confidence.align.AlignmentReasons.unmatched(List.of("a", "b c", "d", "e")))
                .isEqualTo("'a', 'b c', 'd' and 1 more have no close match in any passage");
        assertThat(alignment.unmatchedWords()).isEqualTo(5);
    }
}
