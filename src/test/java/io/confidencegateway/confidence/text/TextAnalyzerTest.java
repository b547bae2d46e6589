package io.confidencegateway.confidence.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

    @Test
    void splitsSentencesButNotAbbreviationsOrInitials() {
        List<String> sentences = TextAnalyzer.split("Mr. Smith met J. Doe on Jan. 18 in the U.S. office. "
                + "They agreed!\nNew line here");
        assertThat(sentences).containsExactly("Mr. Smith met J. Doe on Jan. 18 in the U.S. office.", "They agreed!",
                "New line here");
    }

    @Test
    void dottedAcronymsBecomeOneName() {
        AnalyzedSentence s = TextAnalyzer.analyze("Sales in the U.K. rose in Q2.").sentences().get(0);
        assertThat(s.names()).containsExactly("uk", "q2");
        assertThat(Words.nameIn("q2", java.util.Set.of("second", "quarter"))).isTrue();
        assertThat(Words.nameIn("gans", java.util.Set.of("gan"))).isTrue();
    }

    @Test
    void citationMarkersAreRecordedAndRemovedFromTheText() {
        AnalyzedText text = TextAnalyzer.analyze("Returns take 30 days [1]. Shipping is free [2, 3].");
        assertThat(text.sentences()).extracting(AnalyzedSentence::citations)
                .containsExactly(List.of(1), List.of(2, 3));
        assertThat(text.sentences().get(0).text()).isEqualTo("Returns take 30 days.");
        assertThat(text.sentences().get(0).quantities()).hasSize(1);
    }

    @Test
    void aMarkerAfterTheFullStopBelongsToTheSentenceBefore() {
        AnalyzedText text = TextAnalyzer.analyze("Returns take 30 days. [1] Shipping is free.");
        assertThat(text.sentences()).hasSize(2);
        assertThat(text.sentences().get(0).citations()).containsExactly(1);
    }

    @Test
    void namesAreMidSentenceCapitalsAndInnerCapitals() {
        AnalyzedSentence s = TextAnalyzer.analyze("Shipping with Northwind Express via the HyperLux hub is fast.")
                .sentences().get(0);
        assertThat(s.names()).containsExactly("northwind", "express", "hyperlux");
        assertThat(s.contentStems()).contains("shipp", "hub", "fast").doesNotContain("northwind");
    }

    @Test
    void negationIsDetected() {
        assertThat(TextAnalyzer.analyze("Opened software can't be returned.").sentences().get(0).negated()).isTrue();
        assertThat(TextAnalyzer.analyze("Opened software can be returned.").sentences().get(0).negated()).isFalse();
    }
}
