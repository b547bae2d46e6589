package io.confidencegateway.api.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.insight.CalibrationReport;
import io.confidencegateway.insight.HealthStatus;
import io.confidencegateway.insight.HealthTargets;
import io.confidencegateway.insight.Metric;
import io.confidencegateway.insight.ProductMetrics;
import io.confidencegateway.insight.ProductMetricsReport;
import io.confidencegateway.insight.ReliabilityTable;
import io.confidencegateway.provider.ProviderStatus;
import io.confidencegateway.report.WeeklyReport;
import io.confidencegateway.report.WeeklyReportRenderer;
import io.quarkus.qute.TemplateData;

/**
 * What the ops dashboard ({@code templates/console/dashboard.html}) shows for one product, built from the JSON API's
 * own reports (pure, so every number is table-tested): the layered metrics week by week over the last weeks with
 * their target bands, the health check as badges, the confidence histogram and reliability diagram, the review
 * queue, each provider's state and the weekly stakeholder update. A chart's data travels as JSON in a
 * {@code data-series} attribute (escaped by the template like any text); a week without data is {@code null}, which
 * the chart draws as a gap.
 */
@TemplateData
public record DashboardView(String product, List<ConsolePages.ProductOption> products, String weeksText,
        List<Chart> charts, String healthPeriod, List<Badge> badges, Chart histogram, Chart reliability,
        String calibrationText, Queue queue, List<ProviderRow> providers, Report report) {

    /** One chart: {@code metric} names it for automation ({@code data-metric}); {@code summary} says it in words. */
    @TemplateData
    public record Chart(String metric, String title, String target, String summary, String json) {
    }

    /** One health check: {@code status} PASS, WARN, FAIL or NO_DATA, also in words. */
    @TemplateData
    public record Badge(String metric, String label, String status, String statusText, String value, String target) {
    }

    /** The review queue of the product: items waiting for a person, and how long the oldest has waited. */
    @TemplateData
    public record Queue(long pending, long claimed, String oldestAge, String oldestSince) {

        /** "2026-12-02 09:55 UTC". */
        public String oldestSinceText() {
            return oldestSince == null ? ""
                    : oldestSince.substring(0, 10) + " " + oldestSince.substring(11, 16) + " UTC";
        }
    }

    @TemplateData
    public record ProviderRow(String name, String status, String statusText, boolean available, String reason) {
    }

    @TemplateData
    public record Report(String week, String period, String status, List<ReportLine> lines, List<String> actions,
            List<ReportRow> table, String previousWeek) {
    }

    @TemplateData
    public record ReportLine(String label, String text) {
    }

    @TemplateData
    public record ReportRow(String label, String value, String previous, String change) {
    }

    /** One week of metrics for the charts, oldest first. */
    record Week(String label, ProductMetricsReport report) {
    }

    /**
     * How one layered metric is charted.
     *
     * @param unit {@code percent} (0–1), {@code score} (1–5), {@code ms} or {@code usd}
     */
    record MetricSpec(String key, String title, String unit, Function<ProductMetrics, Metric> read) {
    }

    static final List<MetricSpec> METRICS = List.of(
            new MetricSpec("accuracy", "Accuracy", "percent", ProductMetrics::accuracy),
            new MetricSpec("hallucination_rate", "Hallucination rate", "percent", ProductMetrics::hallucinationRate),
            new MetricSpec("latency_p95", "P95 latency", "ms", m -> m.modelQuality().latencyP95()),
            new MetricSpec("csat", "CSAT", "score", ProductMetrics::csat),
            new MetricSpec("adoption_rate", "Adoption", "percent", ProductMetrics::adoptionRate),
            new MetricSpec("edit_rate", "Edit rate", "percent", ProductMetrics::editRate),
            new MetricSpec("resolution_rate", "Resolution rate", "percent", ProductMetrics::resolutionRate),
            new MetricSpec("deflection_rate", "Deflection rate", "percent", ProductMetrics::deflectionRate),
            new MetricSpec("cost_per_resolution", "Cost per resolution", "usd", ProductMetrics::costPerResolution));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Everything the page needs, from the API's reports. */
    record Inputs(String product, List<ConsolePages.ProductOption> products, List<Week> weeks, Double latencyBudgetMs,
            ProductMetricsReport health, CalibrationReport calibration, long pending, long claimed,
            Instant oldestPending, Instant now, Map<String, ProviderStatus> providers, WeeklyReport report) {
    }

    static DashboardView of(Inputs in) {
        HealthTargets targets = in.health().targets();
        List<Chart> charts = new ArrayList<>();
        for (MetricSpec spec : METRICS) {
            charts.add(chart(spec, in.weeks(), band(spec.key(), targets, in.latencyBudgetMs())));
        }
        String weeksText = in.weeks().isEmpty() ? "" : in.weeks().get(0).label() + " to "
                + in.weeks().get(in.weeks().size() - 1).label();
        return new DashboardView(in.product(), in.products(), weeksText, charts,
                in.health().from() + " to " + in.health().to(), badges(in.health()),
                histogram(in.calibration().reliability()), reliability(in.calibration().reliability()),
                calibrationText(in.calibration()), queue(in), providers(in.providers()), report(in.report()));
    }

    /** The target band of a metric as [low, high], or null when it has no target. */
    static double[] band(String key, HealthTargets targets, Double latencyBudgetMs) {
        return switch (key) {
            case "accuracy" -> new double[] {targets.accuracy(), 1};
            case "hallucination_rate" -> new double[] {0, targets.hallucinationBelow()};
            case "csat" -> new double[] {targets.csat(), 5};
            case "adoption_rate" -> new double[] {targets.adoption(), 1};
            case "deflection_rate" -> new double[] {targets.deflection(), 1};
            case "latency_p95" -> latencyBudgetMs == null ? null : new double[] {0, latencyBudgetMs};
            default -> null;
        };
    }

    static Chart chart(MetricSpec spec, List<Week> weeks, double[] band) {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Long> samples = new ArrayList<>();
        for (Week week : weeks) {
            Metric metric = spec.read().apply(week.report().metrics());
            labels.add(week.label());
            values.add(metric.value());
            samples.add(metric.sampleSize());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metric", spec.key());
        data.put("title", spec.title());
        data.put("unit", spec.unit());
        data.put("weeks", labels);
        data.put("values", values);
        data.put("samples", samples);
        data.put("band", band);
        String target = band == null ? "no target" : targetText(spec, band);
        return new Chart(spec.key(), spec.title(), target, summary(spec, labels, values, samples, target), json(data));
    }

    private static String targetText(MetricSpec spec, double[] band) {
        boolean ceiling = band[0] == 0;
        if (spec.key().equals("latency_p95")) {
            return "within the latency budget of " + format(spec.unit(), band[1]);
        }
        return ceiling ? "target below " + format(spec.unit(), band[1]) : "target " + format(spec.unit(), band[0])
                + " or more";
    }

    private static String summary(MetricSpec spec, List<String> labels, List<Double> values, List<Long> samples,
            String target) {
        int empty = (int) values.stream().filter(v -> v == null).count();
        int last = -1;
        for (int i = values.size() - 1; i >= 0; i--) {
            if (values.get(i) != null) {
                last = i;
                break;
            }
        }
        String latest = last < 0 ? "no data in these weeks"
                : "latest " + format(spec.unit(), values.get(last)) + " in " + labels.get(last) + " (sample "
                        + samples.get(last) + ")";
        return spec.title() + ": " + latest + "; " + target + "; " + empty + " of " + values.size()
                + " weeks without data.";
    }

    static List<Badge> badges(ProductMetricsReport health) {
        var check = health.healthCheck();
        var t = health.targets();
        ProductMetrics m = health.metrics();
        return List.of(
                badge("accuracy", "Accuracy", check.accuracy(), format("percent", m.accuracy().value()),
                        format("percent", t.accuracy()) + " or more"),
                badge("hallucination", "Hallucination rate", check.hallucination(),
                        format("percent", m.hallucinationRate().value()), "below " + format("percent",
                                t.hallucinationBelow())),
                badge("csat", "CSAT", check.csat(), format("score", m.csat().value()),
                        format("score", t.csat()) + " or more"),
                badge("adoption", "Adoption", check.adoption(), format("percent", m.adoptionRate().value()),
                        format("percent", t.adoption()) + " or more"),
                badge("deflection", "Deflection", check.deflection(), format("percent", m.deflectionRate().value()),
                        format("percent", t.deflection()) + " or more"));
    }

    private static Badge badge(String metric, String label, HealthStatus status, String value, String target) {
        String words = switch (status) {
            case PASS -> "Pass";
            case WARN -> "Warn";
            case FAIL -> "Fail";
            case NO_DATA -> "No data";
        };
        return new Badge(metric, label, status.name(), words, value, target);
    }

    static Chart histogram(ReliabilityTable table) {
        List<String> labels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (ReliabilityTable.Bucket bucket : table.buckets()) {
            labels.add(String.format(Locale.ROOT, "%.1f–%.1f", bucket.lower(), bucket.upper()));
            counts.add(bucket.count());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("buckets", labels);
        data.put("counts", counts);
        return new Chart("confidence_histogram", "Confidence histogram", "",
                table.answers() + " answers by stated confidence, in ten buckets from 0.0 to 1.0.", json(data));
    }

    static Chart reliability(ReliabilityTable table) {
        List<Double> mids = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        List<Long> judged = new ArrayList<>();
        for (ReliabilityTable.Bucket bucket : table.buckets()) {
            mids.add(Math.round((bucket.lower() + bucket.upper()) * 50) / 100.0);
            accuracy.add(bucket.accuracy());
            judged.add(bucket.judged());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("confidence", mids);
        data.put("accuracy", accuracy);
        data.put("judged", judged);
        long withData = accuracy.stream().filter(a -> a != null).count();
        return new Chart("reliability", "Reliability diagram", "the diagonal is perfect calibration",
                "Reviewer-confirmed accuracy against stated confidence: " + table.judged() + " judged answers in "
                        + withData + " of " + mids.size() + " buckets.", json(data));
    }

    private static String calibrationText(CalibrationReport calibration) {
        Double ece = calibration.reliability().expectedCalibrationError();
        return calibration.from() + " to " + calibration.to() + ": " + calibration.reliability().judged()
                + " of " + calibration.reliability().answers() + " answers judged; expected calibration error "
                + (ece == null ? "not known (nothing judged)" : String.format(Locale.ROOT, "%.3f", ece)) + ".";
    }

    static Queue queue(Inputs in) {
        if (in.oldestPending() == null) {
            return new Queue(in.pending(), in.claimed(), "nothing waiting", null);
        }
        return new Queue(in.pending(), in.claimed(), age(Duration.between(in.oldestPending(), in.now())),
                in.oldestPending().toString());
    }

    /** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
    static String age(Duration waited) {
        long seconds = Math.max(0, waited.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h " + minutes % 60 + " min";
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }

    private static List<ProviderRow> providers(Map<String, ProviderStatus> statuses) {
        return statuses.entrySet().stream().map(e -> new ProviderRow(e.getKey(), e.getValue().status(),
                e.getValue().status().replace('_', ' '), e.getValue().available(), e.getValue().reason())).toList();
    }

    private static Report report(WeeklyReport r) {
        List<ReportLine> lines = new ArrayList<>();
        List<ReportRow> table = new ArrayList<>();
        for (List<WeeklyReport.Line> group : List.of(r.highlights(), r.quality())) {
            for (WeeklyReport.Line line : group) {
                lines.add(new ReportLine(line.label(), WeeklyReportRenderer.sentence(line)));
                table.add(new ReportRow(line.label(), WeeklyReportRenderer.figure(line.unit(), line.value()),
                        WeeklyReportRenderer.figure(line.unit(), line.previous()), line.changeText()));
            }
        }
        return new Report(r.week(), r.from() + " to " + r.to(), r.status().text(), lines, r.actions(), table,
                r.previousWeek());
    }

    /** A value in its unit, for people: "92%", "4.3 / 5", "840 ms", "$0.04"; "no data" for null. */
    static String format(String unit, Double value) {
        if (value == null) {
            return "no data";
        }
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%.0f%%", value * 100);
            case "score" -> String.format(Locale.ROOT, "%.1f / 5", value);
            case "ms" -> value >= 10_000 ? String.format(Locale.ROOT, "%.0f s", value / 1000)
                    : String.format(Locale.ROOT, "%.0f ms", value);
            case "usd" -> String.format(Locale.ROOT, "$%.2f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    private static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("chart data could not be encoded", impossible);
        }
    }
}
