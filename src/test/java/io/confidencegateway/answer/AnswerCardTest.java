package io.confidencegateway.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerCardTest {

    private static final String MESSAGE = "Thanks for your patience. A member of our support team will follow up.";

    private static AiResponse answer(String content, String summary, String label, UxTreatment ux,
            AiResponse.Handoff handoff, List<Citation> citations) {
        return new AiResponse("a-1", "p", content, summary, 0.72, label, citations, List.of(),
                List.of("Send to customer", "Edit draft"), true, List.of("confidence 0.72 is below review at 0.80"), ux,
                List.of(), List.of(), null, handoff, null, "extractive", "extractive", 1, null, 10, Instant.EPOCH);
    }

    private static AiResponse handOff(UxTreatment storedUx) {
        return answer(MESSAGE, MESSAGE, "low_confidence", storedUx,
                new AiResponse.Handoff("t-9", "no_answer", MESSAGE, 3), List.of());
    }

    @Test
    void markdownIsRenderedAndRawHtmlIsEscaped() {
        String html = CardMarkdown.answer("Refunds take **30 days** [1].\n\n- card\n- bank <script>alert(1)</script>",
                Set.of(1));
        assertThat(html).contains("<strong>30 days</strong>", "<li>card</li>",
                "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void aKnownMarkerLinksToItsPassageAndAnUnknownOneSaysSo() {
        String html = CardMarkdown.answer("Thirty days [1]. Fees waived [9].", Set.of(1));
        assertThat(html).contains("<sup class=\"cite\"><a href=\"#source-1\" data-testid=\"citation\" "
                + "data-index=\"1\" aria-label=\"source 1\">[1]</a></sup>")
                .contains("<sup class=\"cite cite-missing\"><span title=\"No passage [9] is listed with this "
                        + "answer\">[9]</span></sup>")
                .doesNotContain("href=\"#source-9\"");
    }

    @Test
    void aReferenceDefinitionInTheTextCannotTurnAMarkerIntoAForeignLink() {
        String html = CardMarkdown.answer("See [1].\n\n[1]: https://evil.example/", Set.of(1));
        assertThat(html).contains("href=\"#source-1\"").doesNotContain("href=\"https://evil.example/\"");
    }

    @Test
    void scriptLinksLoseTheirUrlAndImagesShowOnlyTheirAltText() {
        String html = CardMarkdown.answer("[click](javascript:alert(1)) ![tracking pixel](https://t.example/p.gif) "
                + "[docs](https://example.com/help)", Set.of());
        assertThat(html).doesNotContain("javascript:").doesNotContain("<img").doesNotContain("t.example")
                .contains("tracking pixel")
                .contains("<a rel=\"noopener noreferrer nofollow\" href=\"https://example.com/help\" target=\"_blank\">"
                        + "docs</a>");
    }

    @Test
    void dataAndVbscriptLinksLoseTheirUrlWhileMailtoRelativeAndFragmentLinksKeepIt() {
        String html = CardMarkdown.answer("[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
                + "[b](DATA:text/html,x) [c](vbscript:msgbox(1)) [d](mailto:help@example.com) [e](/help/refunds) "
                + "[f](#source-1)", Set.of());
        assertThat(html.toLowerCase()).doesNotContain("data:").doesNotContain("vbscript:");
        assertThat(html).contains("href=\"\"", "href=\"mailto:help@example.com\"", "href=\"/help/refunds\"",
                "href=\"#source-1\"");
        assertThat(CardMarkdown.passage("[x](data:text/html,<b>hi</b>)")).doesNotContain("data:");
    }

    @Test
    void passagesRenderTheirMarkdownWithoutMakingCitationLinks() {
        assertThat(CardMarkdown.passage("## Refund window\n\nWithin **30 days** [2]."))
                .contains("<h2>Refund window</h2>", "<strong>30 days</strong>", "[2]").doesNotContain("<sup");
        assertThat(CardMarkdown.passage(null)).isEmpty();
        assertThat(CardMarkdown.answer(" ", Set.of())).isEmpty();
    }

    @Test
    void aHandOffSaysItsMessageOnceWithTheTicketAndNeverAsksToVerify() {
        AnswerCard card = AnswerCard.of(handOff(UxTreatment.LOW), null, "Gift cards for Mars?");
        assertThat(card.headline()).isEqualTo("Handed off to a person");
        assertThat(card.disclaimer()).isEqualTo("Handed off to a person: they will answer this question.");
        assertThat(card.summary()).isNull();
        assertThat(card.contentHtml()).isEqualTo("<p>" + MESSAGE + "</p>");
        assertThat(card.handoff()).isEqualTo(new AnswerCard.Handoff("t-9", 3, null));
        assertThat(card.icon()).isEqualTo("handoff");
        assertThat(card.borderColor()).isEqualTo(UxTreatment.HANDOFF.borderColor());
        assertThat(card.needsReview()).isFalse();
        assertThat(card.reasonsHeading()).isEqualTo("Why it was handed off");
        assertThat(card.question()).isEqualTo("Gift cards for Mars?");
    }

    @Test
    void aResolvedHandOffShowsThePersonsReplyAndTheFirstMessageBelowIt() {
        var resolution = new HumanResolution("person", "ana", "edit", "We do not sell them.", null,
                "Written by ana of the support team.", Instant.EPOCH);
        AiResponse served = answer("We do not sell them.", "We do not sell them.", "low_confidence",
                HumanResolution.UX, new AiResponse.Handoff("t-9", "no_answer", MESSAGE, null), List.of());
        AnswerCard card = AnswerCard.of(served, resolution, "q");
        assertThat(card.headline()).isEqualTo("Answered by a person");
        assertThat(card.contentHtml()).isEqualTo("<p>We do not sell them.</p>");
        assertThat(card.handoff().firstMessage()).isEqualTo(MESSAGE);
        assertThat(card.resolutionNote()).isEqualTo("Written by ana of the support team.");
        assertThat(card.disclaimer()).isNull();
        assertThat(card.icon()).isEqualTo("person");
        assertThat(card.suggestedActions()).isEmpty();
    }

    @Test
    void aDeclinedHandOffKeepsTheMessageAsTheAnswerAndSaysWhoDeclined() {
        var resolution = new HumanResolution("person", "ana", "reject", null, null, "Declined by ana.", Instant.EPOCH);
        AnswerCard card = AnswerCard.of(handOff(UxTreatment.HANDOFF), resolution, null);
        assertThat(card.headline()).isEqualTo("Declined by a person");
        assertThat(card.contentHtml()).isEqualTo("<p>" + MESSAGE + "</p>");
        assertThat(card.handoff().firstMessage()).isNull();
        assertThat(card.question()).isNull();
    }

    @Test
    void anAnswerShowsItsLabelInWordsItsSummaryOnlyWhenShorterAndItsSources() {
        var citation = new Citation(1, "refund_policy.md", 2, "## Refund window\n\n" + "x".repeat(400), 1.0);
        AnswerCard card = AnswerCard.of(answer("Thirty days [1]. Then nothing.", "Thirty days.",
                "medium_confidence", UxTreatment.MEDIUM, null, List.of(citation)), null, "How long?");
        assertThat(card.headline()).isEqualTo("Medium confidence · 72%");
        assertThat(card.summary()).isEqualTo("Thirty days.");
        assertThat(card.needsReview()).isTrue();
        assertThat(card.reasonsHeading()).isEqualTo("Why it needs review");
        assertThat(card.suggestedActions()).containsExactly("Send to customer", "Edit draft");
        assertThat(card.sources()).singleElement().satisfies(s -> {
            assertThat(s.page()).isEqualTo(2);
            assertThat(s.html()).startsWith("<h2>Refund window</h2>").endsWith("x…</p>");
        });
        assertThat(card.confidence()).isEqualTo("0.72");
        AnswerCard same = AnswerCard.of(answer("Thirty days [1].", "Thirty days.", "high_confidence",
                UxTreatment.HIGH, null, List.of(citation)), null, "How long?");
        assertThat(same.summary()).isNull();
        assertThat(same.icon()).isEqualTo("check");
        assertThat(same.disclaimer()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"#f39c12,#000000", "#27ae60,#000000", "#2980b9,#000000", "#7f8c8d,#000000", "#000080,#ffffff",
            "#e94560,#000000", "#767676,#000000", "#757575,#ffffff", "#fff,#000000", "#00f,#ffffff", "red,#000000"})
    void badgeTextIsWhicheverOfBlackAndWhiteContrastsMore(String background, String text) {
        assertThat(AnswerCard.textOn(background)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"#27ae60,#27ae60", "#abc,#abc", "'red;}</style>',#7f8c8d", "#12345,#7f8c8d", ",#7f8c8d"})
    void onlyHexColoursReachTheCss(String configured, String used) {
        assertThat(AnswerCard.color(configured)).isEqualTo(used);
    }

    @ParameterizedTest
    @CsvSource({"high_confidence,High confidence", "low_confidence,Low confidence", ",Confidence"})
    void labelsReadAsWords(String label, String words) {
        assertThat(AnswerCard.label(label)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({"check_circle,check", "info,info", "warning,warning", "support_agent,handoff", "person,person",
            "sparkles,warning"})
    void iconsMapToTheDrawnSvgs(String ux, String drawn) {
        assertThat(AnswerCard.icon(ux)).isEqualTo(drawn);
    }
}
