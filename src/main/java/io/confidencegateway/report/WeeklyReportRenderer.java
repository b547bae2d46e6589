package io.confidencegateway.report;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The weekly update as Markdown (for chat and wikis) or as a self-contained HTML page (for e-mail). */
public final class WeeklyReportRenderer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private WeeklyReportRenderer() {
    }

    public static String markdown(WeeklyReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Weekly update: ").append(markdownText(r.product())).append(", ").append(r.week()).append("\n\n");
        md.append(DAY.format(r.from())).append(" to ").append(DAY.format(r.to())).append(" · **")
                .append(r.status().text()).append("**\n\n");
        md.append("## Highlights\n\n");
        r.highlights().forEach(line -> md.append(bullet(line)));
        md.append("\n## Quality\n\n");
        r.quality().forEach(line -> md.append(bullet(line)));
        md.append("\n## Actions\n\n");
        for (int i = 0; i < r.actions().size(); i++) {
            md.append(i + 1).append(". ").append(r.actions().get(i)).append('\n');
        }
        if (!r.promptVersions().isEmpty()) {
            md.append("\n## Prompt versions\n\n");
            r.promptVersions().forEach(v -> md.append("- **Version ").append(v.promptVersion()).append(":** ")
                    .append(v.text()).append('\n'));
        }
        md.append("\n## Change since last week (").append(r.previousWeek()).append(")\n\n");
        md.append("| Figure | This week | Last week | Change |\n|---|---|---|---|\n");
        lines(r).forEach(line -> md.append("| ").append(line.label()).append(" | ")
                .append(BusinessFormat.value(line.unit(), line.value())).append(" | ")
                .append(BusinessFormat.value(line.unit(), line.previous())).append(" | ").append(line.changeText())
                .append(" |\n"));
        return md.toString();
    }

    public static String html(WeeklyReport r) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        String title = "Weekly update: " + r.product() + ", " + r.week();
        html.append("<title>").append(escape(title)).append("</title></head>\n<body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        html.append("<p>").append(escape(DAY.format(r.from()) + " to " + DAY.format(r.to()))).append(" · <strong>")
                .append(escape(r.status().text())).append("</strong></p>\n");
        html.append("<h2>Highlights</h2>\n<ul>\n");
        r.highlights().forEach(line -> html.append(item(line)));
        html.append("</ul>\n<h2>Quality</h2>\n<ul>\n");
        r.quality().forEach(line -> html.append(item(line)));
        html.append("</ul>\n<h2>Actions</h2>\n<ol>\n");
        r.actions().forEach(action -> html.append("<li>").append(escape(action)).append("</li>\n"));
        html.append("</ol>\n");
        if (!r.promptVersions().isEmpty()) {
            html.append("<h2>Prompt versions</h2>\n<ul>\n");
            r.promptVersions().forEach(v -> html.append("<li><strong>Version ").append(v.promptVersion())
                    .append(":</strong> ").append(escape(v.text())).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("<h2>Change since last week (").append(escape(r.previousWeek())).append(")</h2>\n");
        html.append("<table>\n<tr><th>Figure</th><th>This week</th><th>Last week</th><th>Change</th></tr>\n");
        lines(r).forEach(line -> html.append("<tr><td>").append(escape(line.label())).append("</td><td>")
                .append(escape(BusinessFormat.value(line.unit(), line.value()))).append("</td><td>")
                .append(escape(BusinessFormat.value(line.unit(), line.previous()))).append("</td><td>")
                .append(escape(line.changeText())).append("</td></tr>\n"));
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A figure of the update in words, as the Markdown and HTML show it: its text, the target mark, the change. */
    public static String sentence(WeeklyReport.Line line) {
        return line.text() + mark(line) + change(line);
    }

    /** A figure's value as the change table shows it ("92%", "4.3 / 5", "$0.04", "no data"). */
    public static String figure(String unit, Double value) {
        return BusinessFormat.value(unit, value);
    }

    private static String bullet(WeeklyReport.Line line) {
        return "- **" + line.label() + ":** " + line.text() + mark(line) + change(line) + "\n";
    }

    private static String item(WeeklyReport.Line line) {
        return "<li><strong>" + escape(line.label()) + ":</strong> " + escape(line.text() + mark(line)
                + change(line)) + "</li>\n";
    }

    /** The change after the figure; nothing when this week has no figure (its text already says so). */
    private static String change(WeeklyReport.Line line) {
        if (line.value() == null) {
            return "";
        }
        return "; " + (line.change() == null ? line.changeText() : line.changeText() + " since last week");
    }

    private static String mark(WeeklyReport.Line line) {
        if (line.onTarget() == null) {
            return "";
        }
        boolean limit = line.key().equals("factual_errors") || line.key().equals("edit_rate");
        if (limit) {
            return line.onTarget() ? " — within the limit" : " — over the limit";
        }
        return line.onTarget() ? " — on target" : " — below target";
    }

    private static List<WeeklyReport.Line> lines(WeeklyReport r) {
        return Stream.concat(r.highlights().stream(), r.quality().stream()).toList();
    }

    /** Product ids are plain, but a stray Markdown character must not restyle the heading. */
    private static String markdownText(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
    }
}
