package io.confidencegateway.confidence.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityParserTest {

    @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
        "a fee of $1,200             | a fee of 1200 dollars        | true",
        "within 30 days              | within thirty days           | true",
        "a 15% discount              | a 15 percent discount        | true",
        "$1.2 million in sales       | sales of $1,200,000          | true",
        "revenue of $234 million     | revenue was 234              | true",
        "twenty-five people          | 25 people                    | true",
        "25 Euros                    | twenty five Euros            | true",
        "26 Euros                    | twenty five Euros            | false",
        "within 30 days              | within 14 days               | false",
        "$2 million                  | $2 billion                   | false",
        "15%                         | 15 dollars                   | false",
        "the 3rd quarter             | quarter 3                    | true",
        "a five-year warranty        | a two-year warranty          | false",
        "a 30-day window             | within thirty days           | true",
        "in 5 business days          | within 5 business weeks      | false"})
    void normalisedQuantitiesMatchAcrossSpellings(String answer, String passage, boolean expected) {
        List<Quantity> a = QuantityParser.parse(answer);
        List<Quantity> p = QuantityParser.parse(passage);
        assertThat(a).hasSize(1);
        assertThat(a.get(0).matches(p.get(0))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" has {1} quantities")
    @CsvSource(delimiter = '|', value = {
        "No one knows                              | 0",
        "We reported Q1 results for COVID-19 cases | 0",
        "one item and two boxes                    | 1",
        "one day                                   | 1",
        "It rose 5% to $3.5 billion in 2021        | 3"})
    void pronounsAndCodesAreNotQuantities(String text, int count) {
        assertThat(QuantityParser.parse(text)).hasSize(count);
    }
}
