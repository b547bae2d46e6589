package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.problem.ProblemException;

class DocumentTypePolicyTest {

    @ParameterizedTest(name = "{0} ({1}) is {2}")
    @CsvSource(nullValues = "-", value = {
        "notes.txt, text/plain, TEXT",
        "notes.TXT, application/octet-stream, TEXT",
        "guide.md, text/markdown, MARKDOWN",
        "guide.md, application/octet-stream, MARKDOWN",
        "guide.markdown, -, MARKDOWN",
        "README, text/markdown; charset=utf-8, MARKDOWN",
        "README, -, TEXT",
        "scan, application/octet-stream, TEXT"})
    void textAndMarkdownAreKnownByNameOrType(String name, String type, DocumentFormat expected) {
        assertThat(DocumentTypePolicy.detect(name, type, "Some text.".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ({1}) is refused with {2}")
    @CsvSource(nullValues = "-", value = {
        "report.pdf, application/pdf, 400",
        "report, application/pdf, 400",
        "page.html, text/html, 415",
        "data.csv, -, 415",
        "notes, text/html, 415"})
    void namesAndTypesThatPromiseSomethingElseAreRefused(String name, String type, int status) {
        assertThatThrownBy(() -> DocumentTypePolicy.detect(name, type, "plain words".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(status));
    }

    @ParameterizedTest(name = "{0} magic is refused with 415 whatever the name")
    @CsvSource({"89504E470D0A1A0A, PNG", "FFD8FFE000104A46, JPEG", "504B030414000000, zip", "1F8B080000000000, gzip"})
    void binaryFormatsAreKnownByTheirBytes(String hex, String kind) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> DocumentTypePolicy.detect("innocent.txt", "text/plain", bytes))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(415);
                    assertThat(e.problem().detail()).contains(kind).contains(".md");
                });
    }

    @ParameterizedTest
    @CsvSource({"doc.txt", "doc.bin", "doc"})
    void pdfBytesArePdfWhateverTheName(String name) {
        assertThat(DocumentTypePolicy.detect(name, "text/plain", "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(DocumentFormat.PDF);
    }
}
