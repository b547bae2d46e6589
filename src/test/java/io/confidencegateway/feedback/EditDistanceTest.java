package io.confidencegateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\" = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            The refund window is 30 days. | The refund window is 30 days.   | 0.0
            The refund window is 30 days. | The  refund window is   30 days. | 0.0
            The refund window is 30 days. | The refund window is 14 days.   | 0.1666666667
            a b c d e f g h i j           | a b c d e f g h i               | 0.1
            a b c d                       | w x y z                         | 1.0
            a b                           | a b c d                         | 0.5
            ''                            | ''                              | 0.0
            ''                            | new text                        | 1.0
            Hello                         | hello                           | 1.0
            """)
    void ratioIsWordLevelLevenshteinOverTheLongerText(String draft, String sent, double expected) {
        assertThat(EditDistance.ratio(draft, sent)).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource({"kitten sitting on the mat, sitting kitten on mat, 3", "a b c, a c b, 2", "x, x, 0"})
    void distanceCountsWordInsertionsDeletionsAndSubstitutions(String a, String b, int expected) {
        assertThat(EditDistance.distance(EditDistance.words(a), EditDistance.words(b))).isEqualTo(expected);
    }
}
