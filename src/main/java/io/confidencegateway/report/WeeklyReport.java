package io.confidencegateway.report;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The weekly stakeholder update of a product, in business language: the same content is rendered as Markdown,
 * HTML or JSON.
 *
 * @param previousWeek the week the changes are measured against
 * @param actions what to do next, in priority order
 * @param promptVersions the week's answers by the prompt version that gave them, lowest version first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WeeklyReport(String product, String week, LocalDate from, LocalDate to, String previousWeek,
        Status status, List<Line> highlights, List<Line> quality, List<String> actions,
        List<PromptVersionLine> promptVersions) {

    /**
     * One prompt version's week.
     *
     * @param text its figures in words ("40 questions answered; 10% needed an agent's check; ...")
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PromptVersionLine(int promptVersion, long answers, String text) {
    }

    /**
     * @param onTarget checks that passed (accuracy, factual errors, CSAT, adoption, deflection)
     * @param measured checks with data this week
     * @param text {@code "N/M metrics on target"}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(long onTarget, long measured, String text) {
    }

    /**
     * One figure of the update.
     *
     * @param unit {@code percent} (value 0–1), {@code score} (1–5) or {@code usd}
     * @param target the target, null when the figure has none
     * @param onTarget whether it meets the target, null without target or data
     * @param change this week minus last week, null when either is missing
     * @param changeText the change in words ("up 4.0 percentage points", "down $0.02")
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Line(String key, String label, String unit, Double value, Double target, Boolean onTarget,
            long sampleSize, String text, Double previous, Double change, String changeText) {
    }
}
