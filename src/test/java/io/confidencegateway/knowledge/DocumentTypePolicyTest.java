package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
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

    private static String refusal(String name, String type, byte[] bytes) {
        var error = org.assertj.core.api.Assertions.catchThrowableOfType(ProblemException.class,
                () -> DocumentTypePolicy.detect(name, type, bytes));
        assertThat(error).as(name + " is refused").isNotNull();
        return error.problem().status() + " " + error.problem().detail();
    }

    @ParameterizedTest(name = "{1} bytes are named: {2}")
    @CsvSource({"89504E47, a PNG image", "FFD8FF, a JPEG image", "47494638, a GIF image",
        "504B0506, a zip archive (or an Office document, which is one)", "1F8B, a gzip archive",
        "D0CF11E0, a legacy Office document", "7F454C46, an executable"})
    void everyBinaryKindIsNamedInTheRefusal(String hex, String kind) {
        assertThat(refusal("f.txt", "text/plain", java.util.HexFormat.of().parseHex(hex)))
                .startsWith("415 The file 'f.txt' is " + kind);
    }

    @Test
    void bytesThatStopShortOfAMagicNumberAreNotThatKind() {
        assertThat(DocumentTypePolicy.detect("f.txt", "text/plain", java.util.HexFormat.of().parseHex("89504E")))
                .isEqualTo(DocumentFormat.TEXT);
    }

    @Test
    void aDeclaredTypeWithParametersIsJudgedByItsBaseType() {
        assertThat(refusal("page", "text/html; charset=utf-8", "words".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("415 The content type text/html is not supported; upload plain text (.txt), markdown (.md) or PDF (.pdf)");
        assertThat(DocumentTypePolicy.detect("n", ";charset=utf-8", "words".getBytes(StandardCharsets.UTF_8)))
                .as("an empty base type is undeclared").isEqualTo(DocumentFormat.TEXT);
    }

    @Test
    void aNameEndingInADotHasNoExtension() {
        assertThat(DocumentTypePolicy.detect("notes.", null, "words".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(DocumentFormat.TEXT);
        assertThat(refusal("data.c", null, "words".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("415 Files ending in .c are not supported; upload plain text (.txt), markdown (.md) or PDF (.pdf)");
    }

    @Test
    void anUnknownExtensionWithADeclaredTypeNamesBoth() {
        assertThat(refusal("page.html", "text/html", "words".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("415 The file 'page.html' (text/html) is not a supported kind; upload plain text (.txt), markdown (.md) or PDF (.pdf)");
        assertThat(refusal("data.csv", "application/octet-stream", "words".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("415 Files ending in .csv are not supported; upload plain text (.txt), markdown (.md) or PDF (.pdf)");
    }
}
