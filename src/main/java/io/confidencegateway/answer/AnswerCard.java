package io.confidencegateway.answer;

import java.util.Locale;

/**
 * An answer as a self-contained HTML card a support tool can embed: border colour and icon by confidence,
 * the disclaimer, the answer with its citation markers linked to footnotes, and the footnotes (source, page,
 * passage). Everything from the answer is HTML-escaped.
 */
public final class AnswerCard {

    private AnswerCard() {
    }

    public static String render(AiResponse answer) {
        return render(answer, null);
    }

    /**
     * The card; once a person resolved a hand-off ({@code resolution} not null), it says who answered instead of
     * showing the AI's confidence, and keeps the hand-off reference and first message below.
     */
    public static String render(AiResponse answer, HumanResolution resolution) {
        UxTreatment ux = answer.ux() == null ? UxTreatment.LOW : answer.ux();
        var html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Answer ")
                .append(escape(answer.id())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:1rem;color:#222}")
                .append(".card{border:3px solid ").append(escape(ux.borderColor()))
                .append(";border-radius:8px;padding:1rem 1.25rem;max-width:46rem}")
                .append(".head{display:flex;gap:.5rem;align-items:center;font-size:.9rem;color:#555}")
                .append(".badge{color:#fff;background:").append(escape(ux.borderColor()))
                .append(";border-radius:4px;padding:.1rem .45rem}")
                .append(".disclaimer{background:#fff8e6;border-left:4px solid ").append(escape(ux.borderColor()))
                .append(";padding:.4rem .6rem;margin:.6rem 0}")
                .append(".review{color:#a33;font-weight:600}")
                .append("ol.sources{font-size:.85rem;color:#444}sup a{text-decoration:none}")
                .append("</style></head><body>\n<article class=\"card\" data-confidence=\"")
                .append(String.format(Locale.ROOT, "%.2f", answer.confidence())).append("\">\n");
        html.append("<div class=\"head\"><span class=\"icon\" aria-hidden=\"true\">").append(icon(ux.icon()))
                .append("</span><span class=\"badge\">");
        if (resolution != null) {
            html.append(resolution.replied() ? "Answered by a person" : "Declined by a person").append("</span>");
        } else {
            html.append(escape(label(answer.confidenceLabel())))
                    .append(String.format(Locale.ROOT, " · %.0f%%", answer.confidence() * 100)).append("</span>");
        }
        if (answer.requiresHumanReview()) {
            html.append("<span class=\"review\">Needs review</span>");
        }
        html.append("</div>\n");
        if (ux.disclaimer() != null) {
            html.append("<p class=\"disclaimer\">").append(escape(ux.disclaimer())).append("</p>\n");
        }
        html.append("<p class=\"summary\"><strong>").append(escape(answer.summary())).append("</strong></p>\n");
        html.append("<p class=\"content\">").append(linkMarkers(escape(answer.content()))).append("</p>\n");
        if (answer.citations() != null && !answer.citations().isEmpty()) {
            html.append("<ol class=\"sources\">\n");
            for (Citation citation : answer.citations()) {
                html.append("<li id=\"source-").append(citation.index()).append("\" value=\"")
                        .append(citation.index()).append("\"><strong>").append(escape(citation.source()))
                        .append("</strong>");
                if (citation.page() != null) {
                    html.append(", page ").append(citation.page());
                }
                html.append(": <q>").append(escape(shorten(citation.text()))).append("</q></li>\n");
            }
            html.append("</ol>\n");
        }
        if (resolution != null) {
            html.append("<p class=\"resolution\">").append(escape(resolution.note())).append("</p>\n");
        }
        if (answer.handoff() != null && answer.handoff().id() != null) {
            html.append("<p class=\"handoff\">Reference: ").append(escape(answer.handoff().id())).append("</p>\n");
            if (resolution != null && resolution.replied()) {
                html.append("<p class=\"handoff-history\">Handed off first, with the message: <q>")
                        .append(escape(answer.handoff().message())).append("</q></p>\n");
            }
        }
        html.append("</article>\n</body></html>\n");
        return html.toString();
    }

    private static String linkMarkers(String escapedContent) {
        return escapedContent.replaceAll("\\[(\\d{1,3})\\]", "<sup><a href=\"#source-$1\">[$1]</a></sup>");
    }

    private static String icon(String name) {
        if ("check_circle".equals(name)) {
            return "&#10004;";
        }
        if (HumanResolution.PERSON.equals(name) || UxTreatment.HANDOFF.icon().equals(name)) {
            return "&#128100;";
        }
        return "info".equals(name) ? "&#9432;" : "&#9888;";
    }

    private static String label(String confidenceLabel) {
        return confidenceLabel == null ? "" : confidenceLabel.replace("_confidence", "").replace('_', ' ')
                + " confidence";
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 280 ? text : text.substring(0, 279) + "…";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
