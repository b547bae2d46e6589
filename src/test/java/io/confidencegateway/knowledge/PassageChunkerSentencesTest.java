package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Where PassageChunker ends a sentence, which paragraphs it takes for titles, and what that does to passages. */
class PassageChunkerSentencesTest {

    private static List<String> sentences(String text) {
        return PassageChunker.sentences(text, 0, text.length()).stream()
                .map(span -> text.substring(span[0], span[1])).toList();
    }

    @Test
    void aSentenceEndsAfterAFullStopExclamationOrQuestionMarkFollowedBySpace() {
        assertThat(sentences("  One. Two! Three?\nFour")).containsExactly("One.", "Two!", "Three?", "Four");
    }

    @Test
    void aFullStopInsideANumberOrAtTheVeryEndDoesNotSplit() {
        assertThat(sentences("Version 3.5 ships today.")).containsExactly("Version 3.5 ships today.");
        assertThat(sentences("a.b")).containsExactly("a.b");
    }

    @Test
    void aListItemOnANewLineStartsASentenceOfItsOwn() {
        assertThat(sentences("Steps:\n- open the lid\n* press reset\n+ wait\n12) write us"))
                .containsExactly("Steps:", "- open the lid", "* press reset", "+ wait", "12) write us");
    }

    @Test
    void aLineThatOnlyLooksLikeAListItemDoesNotSplit() {
        assertThat(sentences("Totals\n-5 degrees\n12 apples\n3.5 litres\n7)x")).containsExactly(
                "Totals\n-5 degrees\n12 apples\n3.5 litres\n7)x");
    }

    @Test
    void aMarkerAtTheEndOfTheTextIsNotAListItem() {
        assertThat(sentences("Items\n-")).containsExactly("Items\n-");
        assertThat(sentences("Items\n3.")).containsExactly("Items\n3.");
        assertThat(sentences("Items\n\n")).containsExactly("Items");
    }

    @Test
    void onlyTheGivenRangeIsSplit() {
        String text = "Skip this. Take one. Take two. Skip too.";
        int from = text.indexOf("Take");
        int to = text.indexOf(" Skip too");

        assertThat(PassageChunker.sentences(text, from, to)).extracting(span -> text.substring(span[0], span[1]))
                .containsExactly("Take one.", "Take two.");
    }

    private static String paragraph(char c) {
        return String.valueOf(c).toUpperCase() + String.valueOf(c).repeat(44) + ".";
    }

    private static List<Chunk> chunkText(String text) {
        return new PassageChunker(100).chunk(ExtractedText.unpaged(text), DocumentFormat.TEXT);
    }

    @Test
    void aShortCapitalisedLineWithoutFullStopIsATitleRepeatedAtTheTopOfEachPassage() {
        String title = "Returns (2024)";
        String text = title + "\n\n" + paragraph('a') + "\n\n" + paragraph('b') + "\n\n" + paragraph('c');

        List<Chunk> chunks = chunkText(text);

        assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(c -> assertThat(c.text()).startsWith(title + "\n\n"));
    }

    @Test
    void aTitleMayEndInADigit() {
        String text = "Plan 2\n\n" + paragraph('a') + "\n\n" + paragraph('b') + "\n\n" + paragraph('c');

        assertThat(chunkText(text)).allSatisfy(c -> assertThat(c.text()).startsWith("Plan 2\n\n"));
    }

    @Test
    void aLineOfEightyCharactersCanBeATitleAndOfEightyOneCannot() {
        String eighty = "T" + "t".repeat(79);
        String eightyOne = "T" + "t".repeat(80);
        String body = "\n\n" + paragraph('a') + "\n\n" + paragraph('b');
        var chunker = new PassageChunker(150);

        List<Chunk> titled = chunker.chunk(ExtractedText.unpaged(eighty + body), DocumentFormat.TEXT);
        List<Chunk> plain = chunker.chunk(ExtractedText.unpaged(eightyOne + body), DocumentFormat.TEXT);

        assertThat(titled).allSatisfy(c -> assertThat(c.text()).startsWith(eighty + "\n\n"));
        assertThat(plain).extracting(Chunk::text).noneMatch(t -> t.startsWith(eightyOne + "\n\n" + paragraph('b')));
        assertThat(plain).extracting(Chunk::text).last().isEqualTo(paragraph('b'));
    }

    @Test
    void aLowercaseLineASentenceOrATwoLineParagraphIsNotATitle() {
        for (String notTitle : List.of("returns policy", "Returns are easy.", "Returns\npolicy")) {
            String text = notTitle + "\n\n" + paragraph('a') + "\n\n" + paragraph('b') + "\n\n" + paragraph('c');

            assertThat(chunkText(text)).as(notTitle).extracting(Chunk::text).last().asString()
                    .doesNotStartWith(notTitle);
        }
    }

    @Test
    void aMarkdownHeadingInsideAnUnclosedFenceIsNotAHeading() {
        String text = "# Guide\n\nIntro.\n\n```\n# comment in code\n";

        List<Chunk> chunks = new PassageChunker(200).chunk(ExtractedText.unpaged(text), DocumentFormat.MARKDOWN);

        assertThat(chunks).extracting(Chunk::text).containsExactly("# Guide\n\nIntro.\n\n```\n# comment in code");
    }

    @Test
    void aHeadingRightAfterAClosedFenceIsAHeadingAgain() {
        String text = "# Guide\n\n```\ncode\n```\n# Next\n\nBody.";

        List<Chunk> chunks = new PassageChunker(200).chunk(ExtractedText.unpaged(text), DocumentFormat.MARKDOWN);

        assertThat(chunks).extracting(Chunk::text).containsExactly("# Guide\n\n```\ncode\n```", "# Next\n\nBody.");
    }

    @Test
    void textBeforeTheFirstHeadingIsAPassageWithoutHeading() {
        String text = "Preface line.\n\n# Guide\n\nBody.";

        List<Chunk> chunks = new PassageChunker(200).chunk(ExtractedText.unpaged(text), DocumentFormat.MARKDOWN);

        assertThat(chunks).extracting(Chunk::text).containsExactly("Preface line.", "# Guide\n\nBody.");
        assertThat(chunks.get(0).start()).isZero();
    }

    /** A 72-character paragraph whose last sentence has {@code lastChars} characters, then a second paragraph. */
    private static List<String> overlapCase(int lastChars, int secondChars) {
        String last = "B".repeat(lastChars - 1) + ".";
        String first = "A".repeat(30) + ". " + last;
        String second = "C".repeat(secondChars - 1) + ".";
        return new PassageChunker(120).chunk(ExtractedText.unpaged(first + "\n\n" + second), DocumentFormat.TEXT)
                .stream().map(Chunk::text).toList();
    }

    @Test
    void aLastSentenceOfExactlyAThirdOfThePassageSizeIsRepeatedInTheNextPassage() {
        String last = "B".repeat(39) + ".";

        assertThat(overlapCase(40, 60)).hasSize(2).last().asString().isEqualTo(last + "\n\n" + "C".repeat(59) + ".");
        assertThat(overlapCase(41, 60)).hasSize(2).last().asString().isEqualTo("C".repeat(59) + ".");
    }

    @Test
    void theOverlapIsDroppedWhenItWouldMakeTheNextPassageLongerThanAQuarterOverTheSize() {
        // 40 + 2 + 108 = 150 = 120 + 120 / 4 still takes the overlap; one more character does not.
        assertThat(overlapCase(40, 108)).last().asString().startsWith("B");
        assertThat(overlapCase(40, 109)).last().asString().isEqualTo("C".repeat(108) + ".");
    }
}
