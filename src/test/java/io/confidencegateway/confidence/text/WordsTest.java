package io.confidencegateway.confidence.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {

    @ParameterizedTest(name = "{0} is the opposite of {1}")
    @CsvSource({"increased, decrease", "decreases, increase", "rejected, approve", "cheap, expensive",
        "private, public"})
    void readsTheCuratedOppositesBothWaysByStem(String word, String opposite) {
        assertThat(Words.antonymsOf(Words.stem(word))).contains(Words.stem(opposite));
    }

    @ParameterizedTest(name = "{0} has no listed opposite")
    @CsvSource({"laptop", "refund", "rural"})
    void wordsOffTheListHaveNone(String word) {
        assertThat(Words.antonymsOf(Words.stem(word))).isEmpty();
    }

    @ParameterizedTest(name = "{0} negates {1}")
    @CsvSource({"unhappy, happy", "disagree, agree", "inaccurate, accurate"})
    void aNegatingPrefixMakesAnOpposite(String prefixed, String base) {
        assertThat(Words.prefixNegates(Words.stem(prefixed), Words.stem(base))).isTrue();
    }
}
