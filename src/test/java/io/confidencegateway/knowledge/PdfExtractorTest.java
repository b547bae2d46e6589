package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PdfExtractorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "locked within\\n15 minutes. | locked within 15 minutes.",
        "Steps:\\n1. Reset\\n2. Sign out | Steps:\\n1. Reset\\n2. Sign out",
        "- a long item\\nwrapped | - a long item wrapped",
        "- one\\n- two | - one\\n- two",
        "end of paragraph.\\n\\nNext one | end of paragraph.\\n\\nNext one"})
    void linesBrokenByTheLayoutAreJoinedAndStructureStays(String page, String expected) {
        assertThat(PdfExtractor.unwrap(page.replace("\\n", "\n"))).isEqualTo(expected.replace("\\n", "\n"));
    }

    @Test
    void eachPageKeepsItsNumberAndItsSpanInTheText() {
        byte[] pdf = TestPdfs.pages(List.of(List.of("First page words."), List.of(), List.of("Third page words.")));

        ExtractedText extracted = PdfExtractor.extract("three.pdf", pdf);

        assertThat(extracted.pageCount()).isEqualTo(3);
        assertThat(extracted.pages()).extracting(ExtractedText.Page::number).containsExactly(1, 3);
        ExtractedText.Page third = extracted.pages().get(1);
        assertThat(extracted.text().substring(third.start(), third.end())).isEqualTo("Third page words.");
    }
}
