package io.confidencegateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.insight.HealthTargets;
import io.confidencegateway.insight.Metric;
import io.confidencegateway.insight.ProductMetrics;
import io.confidencegateway.insight.ProductMetricsReport;
import io.confidencegateway.insight.PromptVersionMetrics;
import io.confidencegateway.testing.BusinessLanguage;

class PromptVersionLinesTest {

    private static final IsoWeek WEEK = new IsoWeek(2026, 48);

    private static ProductMetricsReport week(List<PromptVersionMetrics> versions) {
        var none = Metric.none();
        var metrics = new ProductMetrics(50, new ProductMetrics.ModelQuality(none, none, none),
                new ProductMetrics.ProductUsage(none, none, none),
                new ProductMetrics.BusinessImpact(none, none, none, none));
        return ProductMetricsReport.of("support-copilot", WEEK.period(), metrics, HealthTargets.DEFAULTS, versions);
    }

    @Test
    void theUpdateReadsEachPromptVersionInBusinessWords() {
        var production = new PromptVersionMetrics(1, 40, new Metric(0.82, 40), new Metric(0.1, 40),
                new Metric(0.025, 40), new Metric(0.05, 20), 10, 2, new Metric(0.0004, 40));
        var canary = new PromptVersionMetrics(2, 1, new Metric(0.9, 1), new Metric(0.0, 1), new Metric(0.0, 1),
                Metric.none(), 0, 0, Metric.none());

        WeeklyReport report = WeeklyReportBuilder.build(WEEK, week(List.of(production, canary)), week(List.of()));
        String markdown = WeeklyReportRenderer.markdown(report);

        assertThat(report.promptVersions()).extracting(WeeklyReport.PromptVersionLine::promptVersion)
                .containsExactly(1, 2);
        assertThat(markdown).contains("## Prompt versions\n\n- **Version 1:** 40 questions answered; 10% needed an "
                + "agent's check; 2.5% went to a person; 5% of sent drafts were substantially rewritten; 10 thumbs up, "
                + "2 down; $0.0004 per answer; average confidence 82%\n- **Version 2:** 1 question answered; 0% needed "
                + "an agent's check; 0% went to a person; 0 thumbs up, 0 down; average confidence 90%\n");
        assertThat(WeeklyReportRenderer.html(report)).contains("<h2>Prompt versions</h2>")
                .contains("<li><strong>Version 2:</strong> 1 question answered; 0% needed an agent&#39;s check");
        BusinessLanguage.assertNoJargon(markdown);
    }

    @Test
    void aWeekWithoutAnswersHasNoPromptVersionSection() {
        WeeklyReport report = WeeklyReportBuilder.build(WEEK, week(List.of()), week(List.of()));

        assertThat(WeeklyReportRenderer.markdown(report)).doesNotContain("Prompt versions");
        assertThat(WeeklyReportRenderer.html(report)).doesNotContain("Prompt versions");
    }
}
