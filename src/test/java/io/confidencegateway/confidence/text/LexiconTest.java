package io.confidencegateway.confidence.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexiconTest {

    @ParameterizedTest(name = "{0} is the opposite of {1}")
    @CsvSource({"rural, urban", "optional, obligatory", "domestic, foreign", "narrow, broad", "cheaper, expensive",
        "worsens, improve"})
    void knowsCommonOpposites(String word, String opposite) {
        assertThat(Lexicon.antonyms(word)).contains(Words.stem(opposite));
    }

    @ParameterizedTest(name = "{0} has no opposite")
    @CsvSource({"laptop", "refund", "one", "purchase", "xyzzyq", "'2024'"})
    void nounsNumbersAndUnknownWordsHaveNone(String word) {
        assertThat(Lexicon.antonyms(word)).isEmpty();
    }
}
