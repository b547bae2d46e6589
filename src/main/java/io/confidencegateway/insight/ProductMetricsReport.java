package io.confidencegateway.insight;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /v1/products/{id}/metrics}: the layered metrics of a product over a period, the health check, and
 * the targets it was checked against.
 *
 * @param answers the product's answers in the period
 * @param byPromptVersion the same answers by the prompt version that gave them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductMetricsReport(String product, LocalDate from, LocalDate to, long answers,
        ProductMetrics.ModelQuality modelQuality, ProductMetrics.ProductUsage productUsage,
        ProductMetrics.BusinessImpact businessImpact, HealthCheck healthCheck, HealthTargets targets,
        List<PromptVersionMetrics> byPromptVersion) {

    public static ProductMetricsReport of(String product, Period period, ProductMetrics metrics,
            HealthTargets targets) {
        return of(product, period, metrics, targets, List.of());
    }

    public static ProductMetricsReport of(String product, Period period, ProductMetrics metrics,
            HealthTargets targets, List<PromptVersionMetrics> byPromptVersion) {
        return new ProductMetricsReport(product, period.from(), period.to(), metrics.answers(),
                metrics.modelQuality(), metrics.productUsage(), metrics.businessImpact(),
                new HealthCheckPolicy(targets).evaluate(metrics), targets, List.copyOf(byPromptVersion));
    }

    @JsonIgnore
    public ProductMetrics metrics() {
        return new ProductMetrics(answers, modelQuality, productUsage, businessImpact);
    }
}
