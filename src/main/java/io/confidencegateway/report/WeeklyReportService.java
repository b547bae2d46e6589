package io.confidencegateway.report;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.insight.ProductMetricsService;
import io.smallrye.mutiny.Uni;

/** The weekly stakeholder update of a product: this week's metrics against the week before. */
@ApplicationScoped
public class WeeklyReportService {

    private final ProductMetricsService metrics;

    public WeeklyReportService(ProductMetricsService metrics) {
        this.metrics = metrics;
    }

    /** The update for an ISO week ({@code 2026-W48}), or the last complete week when null; 400/404 otherwise. */
    public Uni<WeeklyReport> weekly(String product, String week) {
        IsoWeek current = IsoWeek.parse(week, metrics.today());
        return metrics.metrics(product, current.period()).flatMap(now -> metrics
                .metrics(product, current.previous().period())
                .map(before -> WeeklyReportBuilder.build(current, now, before)));
    }
}
