package io.confidencegateway.answer;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the embeddable card of an answer shows (the template {@code templates/answer/card.html} lays it out):
 * the question, a headline in words (the confidence label, or who answered), the border colour and icon, the
 * disclaimer, the answer with its citation markers rendered, the review reasons, the suggested actions, the cited
 * passages and the hand-off. Pure: built from the stored answer, its resolution and the question.
 *
 * @param textColor black or white, whichever reads better on {@code borderColor} (the headline badge)
 * @param icon one of {@code check}, {@code info}, {@code warning}, {@code handoff}, {@code person} (inline SVG)
 * @param summary shown above the answer only when it says less than the answer; null otherwise
 * @param contentHtml the answer (or the hand-off message, or the person's reply) as safe HTML
 * @param reasonsHeading what the review reasons explain, in words
 * @param handoff the ticket; null when the answer was not handed off
 */
public record AnswerCard(String id, String question, String headline, String borderColor, String textColor,
        String icon, String disclaimer, String summary, String contentHtml, boolean needsReview, String reasonsHeading,
        List<String> reviewReasons, List<String> suggestedActions, List<Source> sources, Handoff handoff,
        String resolutionNote, String confidence, String confidenceLabel) {

    /** A cited passage: where it comes from and what it says (safe HTML). */
    public record Source(int index, String source, Integer page, String html) {
    }

    /**
     * The hand-off ticket; {@code firstMessage} is the message the customer got first, shown only once a person's
     * reply has replaced it as the answer (otherwise the answer itself is that message, said once).
     */
    public record Handoff(String reference, Integer queuePosition, String firstMessage) {
    }

    private static final int PASSAGE_CHARS = 280;

    /** The card of a stored answer; {@code resolution} null unless a person resolved its hand-off. */
    public static AnswerCard of(AiResponse answer, HumanResolution resolution, String question) {
        boolean handedOff = answer.handoff() != null;
        boolean replied = resolution != null && resolution.replied();
        UxTreatment ux = replied ? HumanResolution.UX
                // A hand-off is never a low-confidence answer to verify, whatever an older record stored.
                : handedOff ? UxTreatment.HANDOFF
                : answer.ux() == null ? UxTreatment.LOW : answer.ux();
        List<Citation> citations = answer.citations() == null ? List.of() : answer.citations();
        Set<Integer> cited = citations.stream().map(Citation::index).collect(Collectors.toSet());
        String content = answer.content() == null ? "" : answer.content();
        String summary = answer.summary();
        boolean summaryAddsNothing = summary == null || summary.isBlank() || handedOff
                || plain(summary).equals(plain(content));
        List<Source> sources = citations.stream()
                .map(c -> new Source(c.index(), c.source(), c.page(), CardMarkdown.passage(shorten(c.text()))))
                .toList();
        Handoff ticket = handedOff ? new Handoff(answer.handoff().id(), answer.handoff().queuePosition(),
                replied ? answer.handoff().message() : null) : null;
        return new AnswerCard(answer.id(), blankToNull(question), headline(answer, resolution, handedOff),
                color(ux.borderColor()), textOn(color(ux.borderColor())), icon(ux.icon()), ux.disclaimer(),
                summaryAddsNothing ? null : summary, CardMarkdown.answer(content, cited),
                answer.requiresHumanReview() && !handedOff && resolution == null, handedOff ? "Why it was handed off"
                        : answer.requiresHumanReview() ? "Why it needs review" : "Notes",
                answer.reviewReasons() == null ? List.of() : answer.reviewReasons(),
                resolution != null || answer.suggestedActions() == null ? List.of() : answer.suggestedActions(),
                sources, ticket, resolution == null ? null : resolution.note(),
                String.format(Locale.ROOT, "%.2f", answer.confidence()), answer.confidenceLabel());
    }

    private static String headline(AiResponse answer, HumanResolution resolution, boolean handedOff) {
        if (resolution != null) {
            return resolution.replied() ? "Answered by a person" : "Declined by a person";
        }
        if (handedOff) {
            return "Handed off to a person";
        }
        return label(answer.confidenceLabel())
                + String.format(Locale.ROOT, " · %.0f%%", answer.confidence() * 100);
    }

    /** "high_confidence" → "High confidence". */
    static String label(String confidenceLabel) {
        if (confidenceLabel == null || confidenceLabel.isBlank()) {
            return "Confidence";
        }
        String words = confidenceLabel.replace("_confidence", "").replace('_', ' ').strip() + " confidence";
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String icon(String uxIcon) {
        if ("check_circle".equals(uxIcon)) {
            return "check";
        }
        if ("info".equals(uxIcon)) {
            return "info";
        }
        if (UxTreatment.HANDOFF.icon().equals(uxIcon)) {
            return "handoff";
        }
        return HumanResolution.PERSON.equals(uxIcon) ? "person" : "warning";
    }

    /** The colour as given when it is a {@code #rgb} or {@code #rrggbb} colour, grey otherwise (it goes into CSS). */
    static String color(String configured) {
        return configured != null && configured.matches("#([0-9a-fA-F]{3}){1,2}") ? configured : "#7f8c8d";
    }

    /**
     * Black or white text, whichever contrasts more with a {@code #rrggbb} background (WCAG relative luminance);
     * black for anything that is not such a colour.
     */
    static String textOn(String background) {
        if (background == null || !background.matches("#([0-9a-fA-F]{3}){1,2}")) {
            return "#000000";
        }
        if (background.length() == 4) {
            background = "#" + background.charAt(1) + background.charAt(1) + background.charAt(2)
                    + background.charAt(2) + background.charAt(3) + background.charAt(3);
        }
        double luminance = 0.2126 * channel(background, 1) + 0.7152 * channel(background, 3)
                + 0.0722 * channel(background, 5);
        double onBlack = (luminance + 0.05) / 0.05;
        double onWhite = 1.05 / (luminance + 0.05);
        return onBlack >= onWhite ? "#000000" : "#ffffff";
    }

    private static double channel(String hex, int at) {
        double value = Integer.parseInt(hex.substring(at, at + 2), 16) / 255.0;
        return value <= 0.04045 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    }

    private static String plain(String text) {
        return text.replaceAll("\\s*\\[\\d{1,3}]", "").replaceAll("\\s+", " ").strip();
    }

    private static String shorten(String text) {
        return text == null || text.length() <= PASSAGE_CHARS ? text : text.substring(0, PASSAGE_CHARS - 1) + "…";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
