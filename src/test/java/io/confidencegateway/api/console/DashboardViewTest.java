package io.confidencegateway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.insight.CalibrationReport;
import io.confidencegateway.insight.HealthTargets;
import io.confidencegateway.insight.Metric;
import io.confidencegateway.insight.Period;
import io.confidencegateway.insight.ProductMetrics;
import io.confidencegateway.insight.ProductMetricsReport;
import io.confidencegateway.insight.ReliabilityTable;
import io.confidencegateway.provider.ProviderStatus;
import io.confidencegateway.report.WeeklyReport;

class DashboardViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Period WEEK = new Period(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29));

    private static ProductMetrics metrics(Double accuracy, Double hallucination, Double csat, Double adoption,
            Double deflection) {
        return new ProductMetrics(10,
                new ProductMetrics.ModelQuality(metric(accuracy), metric(hallucination), metric(840.0)),
                new ProductMetrics.ProductUsage(metric(csat), metric(adoption), Metric.none()),
                new ProductMetrics.BusinessImpact(Metric.none(), metric(deflection), metric(0.04), Metric.none()));
    }

    private static Metric metric(Double value) {
        return value == null ? Metric.none() : new Metric(value, 10);
    }

    private static ProductMetricsReport report(ProductMetrics metrics) {
        return ProductMetricsReport.of("p", WEEK, metrics, HealthTargets.DEFAULTS);
    }

    private static DashboardView view(List<DashboardView.Week> weeks, ProductMetricsReport health,
            ReliabilityTable table, Instant oldest) {
        var report = new WeeklyReport("p", "2026-W48", WEEK.from(), WEEK.to(), "2026-W47",
                new WeeklyReport.Status(1, 2, "1/2 metrics on target"),
                List.of(new WeeklyReport.Line("accuracy", "Accuracy", "percent", 0.9, 0.85, true, 10,
                        "90% of checked answers were right", 0.8, 0.1, "up 10.0 percentage points")),
                List.of(), List.of("Keep going."), List.of());
        return DashboardView.of(new DashboardView.Inputs("p", List.of(new ConsolePages.ProductOption("p", "P")),
                weeks, 8000.0, health, new CalibrationReport("p", WEEK.from(), WEEK.to(), table), 3, 1, oldest,
                Instant.parse("2026-12-02T12:00:00Z"),
                Map.of("openai", new ProviderStatus("circuit_open", false, "skipped after repeated failures")),
                report));
    }

    private static ReliabilityTable table() {
        var buckets = new ArrayList<ReliabilityTable.Bucket>();
        for (int i = 0; i < 10; i++) {
            boolean judged = i == 8;
            buckets.add(new ReliabilityTable.Bucket(i / 10.0, (i + 1) / 10.0, i == 8 ? 4 : i == 2 ? 1 : 0,
                    judged ? 4 : 0, judged ? 3 : 0, judged ? 0.75 : null, judged ? 0.86 : null));
        }
        return new ReliabilityTable(buckets, 5, 4, 0.11);
    }

    @Test
    void weeksWithoutDataAreNullsSoTheChartDrawsGapsAndTheSummarySaysHowMany() throws Exception {
        var weeks = List.of(new DashboardView.Week("2026-W46", report(metrics(0.9, 0.0, 4.5, null, 0.5))),
                new DashboardView.Week("2026-W47", report(metrics(null, null, null, null, null))),
                new DashboardView.Week("2026-W48", report(metrics(0.7, 0.1, null, null, 0.2))));

        DashboardView view = view(weeks, report(metrics(0.7, 0.1, null, null, 0.2)), table(), null);

        DashboardView.Chart accuracy = view.charts().get(0);
        JsonNode data = JSON.readTree(accuracy.json());
        assertThat(accuracy.metric()).isEqualTo("accuracy");
        assertThat(data.get("weeks").toString()).isEqualTo("[\"2026-W46\",\"2026-W47\",\"2026-W48\"]");
        assertThat(data.get("values").toString()).isEqualTo("[0.9,null,0.7]");
        assertThat(data.get("samples").toString()).isEqualTo("[10,0,10]");
        assertThat(data.get("band").toString()).isEqualTo("[0.85,1.0]");
        assertThat(accuracy.summary()).isEqualTo("Accuracy: latest 70% in 2026-W48 (sample 10); target 85% or more; "
                + "1 of 3 weeks without data.");
        assertThat(view.charts()).extracting(DashboardView.Chart::metric).containsExactly("accuracy",
                "hallucination_rate", "latency_p95", "csat", "adoption_rate", "edit_rate", "resolution_rate",
                "deflection_rate", "cost_per_resolution");
        DashboardView.Chart adoption = view.charts().get(4);
        assertThat(JSON.readTree(adoption.json()).get("values").toString()).isEqualTo("[null,null,null]");
        assertThat(adoption.summary()).startsWith("Adoption: no data in these weeks;");
        assertThat(view.weeksText()).isEqualTo("2026-W46 to 2026-W48");
    }

    @Test
    void targetBandsComeFromTheHealthTargetsAndTheLatencyBudget() {
        HealthTargets t = new HealthTargets(0.9, 0.05, 4.0, 0.6, 0.4);
        assertThat(DashboardView.band("accuracy", t, null)).containsExactly(0.9, 1);
        assertThat(DashboardView.band("hallucination_rate", t, null)).containsExactly(0, 0.05);
        assertThat(DashboardView.band("csat", t, null)).containsExactly(4.0, 5);
        assertThat(DashboardView.band("adoption_rate", t, null)).containsExactly(0.6, 1);
        assertThat(DashboardView.band("deflection_rate", t, null)).containsExactly(0.4, 1);
        assertThat(DashboardView.band("latency_p95", t, 8000.0)).containsExactly(0, 8000);
        assertThat(DashboardView.band("latency_p95", t, null)).isNull();
        assertThat(DashboardView.band("edit_rate", t, null)).isNull();
        assertThat(DashboardView.band("cost_per_resolution", t, null)).isNull();
    }

    @Test
    void badgesCarryTheHealthChecksStatusAndSayItInWords() {
        DashboardView view = view(List.of(), report(metrics(0.7, 0.01, null, 0.5, 0.4)), table(), null);

        assertThat(view.badges()).extracting(DashboardView.Badge::metric).containsExactly("accuracy",
                "hallucination", "csat", "adoption", "deflection");
        assertThat(view.badges()).extracting(DashboardView.Badge::status).containsExactly("FAIL", "PASS", "NO_DATA",
                "WARN", "PASS");
        assertThat(view.badges()).extracting(DashboardView.Badge::statusText).containsExactly("Fail", "Pass",
                "No data", "Warn", "Pass");
        assertThat(view.badges().get(0).value()).isEqualTo("70%");
        assertThat(view.badges().get(0).target()).isEqualTo("85% or more");
        assertThat(view.badges().get(1).target()).isEqualTo("below 5%");
        assertThat(view.badges().get(2).value()).isEqualTo("no data");
        assertThat(view.weeksText()).isEmpty();
    }

    @Test
    void theHistogramCountsAnswersAndTheReliabilityDiagramPlotsJudgedBucketsOnly() throws Exception {
        DashboardView view = view(List.of(), report(metrics(null, null, null, null, null)), table(), null);

        JsonNode histogram = JSON.readTree(view.histogram().json());
        assertThat(histogram.get("counts").toString()).isEqualTo("[0,0,1,0,0,0,0,0,4,0]");
        assertThat(histogram.get("buckets").get(0).asText()).isEqualTo("0.0–0.1");
        JsonNode reliability = JSON.readTree(view.reliability().json());
        assertThat(reliability.get("confidence").toString())
                .isEqualTo("[0.05,0.15,0.25,0.35,0.45,0.55,0.65,0.75,0.85,0.95]");
        assertThat(reliability.get("accuracy").get(8).asDouble()).isEqualTo(0.75);
        assertThat(reliability.get("accuracy").get(7).isNull()).isTrue();
        assertThat(view.reliability().summary()).isEqualTo("Reviewer-confirmed accuracy against stated confidence: "
                + "4 judged answers in 1 of 10 buckets.");
        assertThat(view.calibrationText()).isEqualTo("2026-11-23 to 2026-11-29: 4 of 5 answers judged; expected "
                + "calibration error 0.110.");
    }

    @Test
    void theQueueSaysHowLongTheOldestItemWaitedAndProvidersTheirState() {
        DashboardView waiting = view(List.of(), report(metrics(null, null, null, null, null)), table(),
                Instant.parse("2026-12-02T09:55:00Z"));
        assertThat(waiting.queue()).isEqualTo(new DashboardView.Queue(3, 1, "2 h 5 min", "2026-12-02T09:55:00Z"));
        assertThat(waiting.queue().oldestSinceText()).isEqualTo("2026-12-02 09:55 UTC");
        DashboardView empty = view(List.of(), report(metrics(null, null, null, null, null)), table(), null);
        assertThat(empty.queue().oldestAge()).isEqualTo("nothing waiting");
        assertThat(empty.queue().oldestSinceText()).isEmpty();
        assertThat(empty.providers()).containsExactly(new DashboardView.ProviderRow("openai", "circuit_open",
                "circuit open", false, "skipped after repeated failures"));
        assertThat(empty.report().lines()).containsExactly(new DashboardView.ReportLine("Accuracy",
                "90% of checked answers were right — on target; up 10.0 percentage points since last week"));
        assertThat(empty.report().table()).containsExactly(new DashboardView.ReportRow("Accuracy", "90%", "80%",
                "up 10.0 percentage points"));
    }

    @ParameterizedTest
    @CsvSource({"10485760,10 MB", "1048576,1 MB", "1572864,1536 KB", "1024,1 KB", "1000,1000 bytes", "1025,1025 bytes"})
    void theUploadLimitReadsInWholeUnits(long bytes, String words) {
        assertThat(KnowledgePage.sizeText(bytes)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({"0,0 s", "59,59 s", "60,1 min", "3599,59 min", "3600,1 h 0 min", "86399,23 h 59 min",
            "86400,1 d 0 h", "-5,0 s"})
    void agesReadAsWords(long seconds, String words) {
        assertThat(DashboardView.age(Duration.ofSeconds(seconds))).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({"percent,0.921,92%", "score,4.25,4.3 / 5", "ms,840,840 ms", "ms,12500,13 s", "usd,0.041,$0.04",
            "other,1.5,1.50"})
    void valuesReadInTheirUnit(String unit, double value, String words) {
        assertThat(DashboardView.format(unit, value)).isEqualTo(words);
        assertThat(DashboardView.format(unit, null)).isEqualTo("no data");
    }
}
