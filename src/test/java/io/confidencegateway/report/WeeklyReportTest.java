package io.confidencegateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.insight.HealthTargets;
import io.confidencegateway.insight.Metric;
import io.confidencegateway.insight.Period;
import io.confidencegateway.insight.ProductMetrics;
import io.confidencegateway.insight.ProductMetricsReport;
import io.confidencegateway.testing.BusinessLanguage;

class WeeklyReportTest {

    private static final IsoWeek WEEK = new IsoWeek(2026, 48);

    private static ProductMetricsReport report(String product, Period period, double accuracy, double hallucination,
            Double csat, double adoption, double edits, double resolution, double deflection, double cost) {
        var metrics = new ProductMetrics(20,
                new ProductMetrics.ModelQuality(new Metric(accuracy, 20), new Metric(hallucination, 20),
                        new Metric(900.0, 20)),
                new ProductMetrics.ProductUsage(csat == null ? Metric.none() : new Metric(csat, 8),
                        new Metric(adoption, 6), new Metric(edits, 10)),
                new ProductMetrics.BusinessImpact(new Metric(resolution, 10), new Metric(deflection, 20),
                        new Metric(cost, 5), new Metric(0.75, 4)));
        return ProductMetricsReport.of(product, period, metrics, HealthTargets.DEFAULTS);
    }

    private static final ProductMetricsReport GOOD_BEFORE = report("support-copilot", WEEK.previous().period(), 0.86,
            0.02, 4.1, 0.62, 0.10, 0.70, 0.45, 0.15);
    private static final ProductMetricsReport GOOD = report("support-copilot", WEEK.period(), 0.90, 0.01, 4.4, 0.65,
            0.12, 0.74, 0.50, 0.12);
    private static final ProductMetricsReport BAD = report("support-copilot", WEEK.period(), 0.80, 0.06, 3.5, 0.30,
            0.35, 0.50, 0.32, 0.40);

    @Test
    void statusCountsTheChecksOnTarget() {
        assertThat(WeeklyReportBuilder.build(WEEK, GOOD, GOOD_BEFORE).status().text())
                .isEqualTo("5/5 metrics on target");
        assertThat(WeeklyReportBuilder.build(WEEK, BAD, GOOD_BEFORE).status().text())
                .isEqualTo("0/5 metrics on target");
        ProductMetricsReport noCsat = report("p", WEEK.period(), 0.9, 0.0, null, 0.7, 0.1, 0.7, 0.5, 0.1);
        assertThat(WeeklyReportBuilder.build(WEEK, noCsat, GOOD_BEFORE).status().text())
                .isEqualTo("4/4 metrics on target (1 without data)");
    }

    @Test
    void eachRuleBrokenAddsItsAction() {
        List<String> actions = WeeklyReportBuilder.build(WEEK, BAD, GOOD_BEFORE).actions();
        assertThat(actions).anyMatch(a -> a.startsWith("Expand knowledge-base coverage") && a.contains("32%"));
        assertThat(actions).anyMatch(a -> a.startsWith("Investigate prompt quality for the top categories")
                && a.contains("35%"));
        assertThat(actions).anyMatch(a -> a.startsWith("Add a source verification step") && a.contains("6%"));
        assertThat(WeeklyReportBuilder.build(WEEK, GOOD, GOOD_BEFORE).actions())
                .containsExactly("No action needed: every figure is on target.");
    }

    private static ProductMetricsReport empty(Period period) {
        var none = Metric.none();
        var metrics = new ProductMetrics(0, new ProductMetrics.ModelQuality(none, none, none),
                new ProductMetrics.ProductUsage(none, none, none),
                new ProductMetrics.BusinessImpact(none, none, none, none));
        return ProductMetricsReport.of("support-copilot", period, metrics, HealthTargets.DEFAULTS);
    }

    @Test
    void aWeekWithoutQuestionsSaysThereWasNothingToJudgeNotThatAllIsOnTarget() {
        WeeklyReport r = WeeklyReportBuilder.build(WEEK, empty(WEEK.period()), empty(WEEK.previous().period()));

        assertThat(r.status().text()).isEqualTo("No data this week: no questions were answered");
        assertThat(r.status().measured()).isZero();
        assertThat(r.actions()).containsExactly("Nothing to judge this week: no questions were answered, so no "
                + "figure could be measured. If customers did ask, check that the support tool sends their questions "
                + "to the gateway.");
        String md = WeeklyReportRenderer.markdown(r);
        String html = WeeklyReportRenderer.html(r);
        assertThat(md).contains("- **Customer satisfaction (CSAT):** No customer ratings this week\n");
        for (String text : new String[] {md, html}) {
            assertThat(text).contains("No data this week: no questions were answered", "Nothing to judge this week")
                    .doesNotContain("on target", "No action needed");
        }
    }

    @Test
    void aSampleOfOneReadsInTheSingular() {
        var one = new Metric(1.0, 1);
        var metrics = new ProductMetrics(1, new ProductMetrics.ModelQuality(one, new Metric(0.0, 1), one),
                new ProductMetrics.ProductUsage(new Metric(4.0, 1), new Metric(0.01, 1), one),
                new ProductMetrics.BusinessImpact(one, one, new Metric(0.0, 1), one));
        WeeklyReport r = WeeklyReportBuilder.build(WEEK, ProductMetricsReport.of("p", WEEK.period(), metrics,
                HealthTargets.DEFAULTS), GOOD_BEFORE);
        assertThat(line(r, "csat").text()).isEqualTo("4.0 out of 5 from 1 customer rating (target 4.0)");
        assertThat(line(r, "adoption").text()).startsWith("1% of eligible users asked at least one question (1 user;");
        assertThat(line(r, "edit_rate").text()).isEqualTo("100% of 1 draft sent was substantially rewritten by agents");
        assertThat(line(r, "cost_per_resolution").text()).isEqualTo("$0.00 per resolved issue (1 resolved)");
        assertThat(WeeklyReportBuilder.count(2, "user")).isEqualTo("2 users");
    }

    @Test
    void figuresWithoutDataAreNamedAsTooLittleToJudgeBesideWhatWasOnTarget() {
        // Only deflection and accuracy measured, both on target; the other three checks have no data.
        var none = Metric.none();
        var metrics = new ProductMetrics(12, new ProductMetrics.ModelQuality(new Metric(0.9, 10), none,
                new Metric(300.0, 12)), new ProductMetrics.ProductUsage(none, none, none),
                new ProductMetrics.BusinessImpact(none, new Metric(0.5, 12), none, none));
        var now = ProductMetricsReport.of("p", WEEK.period(), metrics, HealthTargets.DEFAULTS);

        WeeklyReport r = WeeklyReportBuilder.build(WEEK, now, empty(WEEK.previous().period()));

        assertThat(r.status().text()).isEqualTo("2/2 metrics on target (3 without data)");
        assertThat(r.actions()).containsExactly(
                "No action needed on what could be measured (answers judged correct, AI-assisted deflection on "
                        + "target).",
                "Too little data to judge factual errors, customer satisfaction, adoption this week; these are "
                        + "measured once agents rate or review drafts; customers rate their answers; the support tool "
                        + "says who asked each question and the product states how many users may use it.");
        BusinessLanguage.assertNoJargon(WeeklyReportRenderer.markdown(r));
    }

    @Test
    void changesAreInPercentagePointsAndDollarsWithTheirDirection() {
        WeeklyReport r = WeeklyReportBuilder.build(WEEK, GOOD, GOOD_BEFORE);
        assertThat(line(r, "resolved_without_escalation").changeText()).isEqualTo("up 4.0 percentage points");
        assertThat(line(r, "cost_per_resolution").changeText()).isEqualTo("down $0.03");
        assertThat(line(r, "csat").changeText()).isEqualTo("up 0.3");
        assertThat(line(r, "factual_errors").changeText()).isEqualTo("down 1.0 percentage points");
        assertThat(line(r, "cost_per_resolution").text()).isEqualTo("$0.12 per resolved issue (5 resolved)");
        assertThat(r.previousWeek()).isEqualTo("2026-W47");
        assertThat(r.from()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(r.to()).isEqualTo(LocalDate.of(2026, 11, 29));
    }

    @Test
    void markdownCarriesEverySectionInBusinessLanguage() {
        String md = WeeklyReportRenderer.markdown(WeeklyReportBuilder.build(WEEK, BAD, GOOD_BEFORE));
        assertThat(md).startsWith("# Weekly update: support-copilot, 2026-W48")
                .contains("**0/5 metrics on target**", "## Highlights", "## Quality", "## Actions",
                        "## Change since last week (2026-W47)", "| Cost per resolution | $0.40 | $0.15 | up $0.25 |",
                        "AI-assisted deflection", "Factual errors", "Agent edit rate");
        BusinessLanguage.assertNoJargon(md);
    }

    @Test
    void htmlEscapesEverythingItShows() {
        ProductMetricsReport hostile = report("<script>alert('x')</script>&", WEEK.period(), 0.9, 0.0, 4.5, 0.7,
                0.1, 0.7, 0.5, 0.1);
        String html = WeeklyReportRenderer.html(WeeklyReportBuilder.build(WEEK, hostile, GOOD_BEFORE));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;")
                .contains("<h2>Highlights</h2>", "<table>");
        BusinessLanguage.assertNoJargon(html);
    }

    @Test
    void missingDataReadsAsSuchNotAsZero() {
        ProductMetricsReport noCsat = report("p", WEEK.period(), 0.9, 0.0, null, 0.7, 0.1, 0.7, 0.5, 0.1);
        WeeklyReport r = WeeklyReportBuilder.build(WEEK, noCsat, GOOD_BEFORE);
        assertThat(line(r, "csat").text()).isEqualTo("No customer ratings this week");
        assertThat(line(r, "csat").changeText()).isEqualTo("no data this week");
        assertThat(line(r, "csat").onTarget()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"2026-W48, 2026-11-23", "2026-W01, 2025-12-29", "2026-W53, 2026-12-28", "2020-W53, 2020-12-28"})
    void isoWeeksStartOnTheirMonday(String week, LocalDate monday) {
        assertThat(IsoWeek.parse(week, LocalDate.of(2026, 1, 1)).monday()).isEqualTo(monday);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-48", "2026-W00", "2025-W53", "W48", "2026-W4", "last week"})
    void badWeeksAreRefused(String week) {
        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> IsoWeek.parse(week, LocalDate.of(2026, 1, 1)));
        assertThat(problem.problem().status()).isEqualTo(400);
        assertThat(problem.problem().detail()).startsWith("week:");
    }

    @Test
    void withoutAWeekTheLastCompleteWeekIsReported() {
        // Wednesday 2 December 2026 is in W49; the last complete week is W48.
        assertThat(IsoWeek.parse(null, LocalDate.of(2026, 12, 2))).hasToString("2026-W48");
        assertThat(IsoWeek.parse("", LocalDate.of(2026, 11, 30))).hasToString("2026-W48");
    }

    private static WeeklyReport.Line line(WeeklyReport r, String key) {
        return java.util.stream.Stream.concat(r.highlights().stream(), r.quality().stream())
                .filter(l -> l.key().equals(key)).findFirst().orElseThrow();
    }
}
