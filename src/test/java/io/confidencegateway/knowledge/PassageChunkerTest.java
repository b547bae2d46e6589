package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PassageChunkerTest {

    private static final String GUIDE = """
            # Refunds

            Intro paragraph about refunds.

            ## Window

            You can request a full refund within 30 days of purchase.

            ## Exceptions

            Gift cards are not refundable.

            ```
            # not a heading inside code
            ```
            """;

    private final PassageChunker chunker = new PassageChunker(200);

    @Test
    void markdownHeadingsStartSectionsAndEveryChunkBeginsWithItsHeading() {
        ExtractedText extracted = ExtractedText.unpaged(TextExtractor.normalize(GUIDE));

        List<Chunk> chunks = chunker.chunk(extracted, DocumentFormat.MARKDOWN);

        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "# Refunds\n\nIntro paragraph about refunds.",
                "## Window\n\nYou can request a full refund within 30 days of purchase.",
                "## Exceptions\n\nGift cards are not refundable.\n\n```\n# not a heading inside code\n```");
        chunks.forEach(c -> assertThat(extracted.text().substring(c.start(), c.end())).isEqualTo(c.text()));
        assertThat(chunks).extracting(Chunk::page).containsOnlyNulls();
    }

    @Test
    void aLongSectionIsCutBetweenParagraphsAndSentencesWithOneSentenceOfOverlap() {
        StringBuilder body = new StringBuilder("## Annual plans\n\n");
        for (int i = 1; i <= 12; i++) {
            body.append("Sentence number ").append(i).append(" says something about annual plans.");
            body.append(i % 3 == 0 ? "\n\n" : " ");
        }
        ExtractedText extracted = ExtractedText.unpaged(TextExtractor.normalize(body.toString()));

        List<Chunk> chunks = chunker.chunk(extracted, DocumentFormat.MARKDOWN);

        assertThat(chunks).hasSizeGreaterThan(2);
        String heading = "## Annual plans\n\n";
        assertThat(chunks.get(0).text()).isEqualTo(extracted.text().substring(chunks.get(0).start(),
                chunks.get(0).end())).startsWith(heading);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.text()).isEqualTo(heading + extracted.text().substring(chunk.start(), chunk.end()));
            assertThat(chunk.text().length()).isLessThanOrEqualTo(250);
            Chunk previous = chunks.get(i - 1);
            assertThat(chunk.start()).as("one sentence shared with the previous chunk").isLessThan(previous.end());
            String shared = extracted.text().substring(chunk.start(), previous.end());
            assertThat(PassageChunker.sentences(shared, 0, shared.length())).hasSize(1);
        }
        String all = String.join(" ", chunks.stream().map(Chunk::text).toList());
        for (int i = 1; i <= 12; i++) {
            assertThat(all).contains("Sentence number " + i + " says");
        }
    }

    @Test
    void pdfPagesAreSectionsOfTheirOwnAndTitleLinesActAsHeadings() {
        String page1 = "Account lockout\n\nAfter 5 failed attempts the account is locked.";
        String page2 = "The lock lasts 30 minutes.";
        String text = page1 + "\n\n" + page2;
        ExtractedText extracted = new ExtractedText(text, List.of(new ExtractedText.Page(1, 0, page1.length()),
                new ExtractedText.Page(2, page1.length() + 2, text.length())), 2);

        List<Chunk> chunks = chunker.chunk(extracted, DocumentFormat.PDF);

        assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2);
        assertThat(chunks.get(0).text()).isEqualTo(page1);
        assertThat(chunks.get(1).text()).isEqualTo(page2);
        assertThat(text.substring(chunks.get(1).start(), chunks.get(1).end())).isEqualTo(page2);
    }

    @Test
    void aSentenceLongerThanAPassageIsCutAtWhitespace() {
        String words = "word ".repeat(120).strip();
        List<Chunk> chunks = chunker.chunk(ExtractedText.unpaged(words), DocumentFormat.TEXT);

        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(c -> {
            assertThat(c.text().length()).isLessThanOrEqualTo(200);
            assertThat(c.text()).doesNotStartWith(" ").doesNotEndWith(" ");
            assertThat(words.substring(c.start(), c.end())).isEqualTo(c.text());
        });
    }

    @Test
    void aHeadingWithoutBodyMakesNoPassage() {
        List<Chunk> chunks = chunker.chunk(ExtractedText.unpaged("# Title\n\n## Part\n\nBody."),
                DocumentFormat.MARKDOWN);

        assertThat(chunks).extracting(Chunk::text).containsExactly("## Part\n\nBody.");
    }

    @Test
    void aPassageSizeBelowOneHundredCharactersIsRefusedWithTheSettingName() {
        assertThatThrownBy(() -> new PassageChunker(99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.knowledge.passage-chars must be at least 100");
        assertThat(new PassageChunker(100).chunk(ExtractedText.unpaged("Body."), DocumentFormat.TEXT))
                .extracting(Chunk::text).containsExactly("Body.");
    }

    @Test
    void aParagraphOfExactlyThePassageSizeStaysWholeAndOneCharacterMoreIsCut() {
        String exact = "a".repeat(99) + ".";
        String longer = "a".repeat(49) + " " + "b".repeat(50) + ".";
        var small = new PassageChunker(100);

        assertThat(small.chunk(ExtractedText.unpaged(exact), DocumentFormat.TEXT)).extracting(Chunk::text)
                .containsExactly(exact);
        assertThat(small.chunk(ExtractedText.unpaged(longer), DocumentFormat.TEXT)).extracting(Chunk::text)
                .containsExactly("a".repeat(49), "b".repeat(50) + ".");
    }

    @Test
    void twoParagraphsThatFitExactlyShareOnePassage() {
        String first = "a".repeat(48) + ".";
        String second = "b".repeat(49) + ".";
        // 49 + 2 (the break) + 50 = 101 characters of text in one span: one over the limit splits them.
        var exact = new PassageChunker(101);
        var under = new PassageChunker(100);
        var text = ExtractedText.unpaged(first + "\n\n" + second);

        assertThat(exact.chunk(text, DocumentFormat.TEXT)).extracting(Chunk::text)
                .containsExactly(first + "\n\n" + second);
        assertThat(under.chunk(text, DocumentFormat.TEXT)).extracting(Chunk::text).containsExactly(first, second);
    }
}
