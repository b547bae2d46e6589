package io.confidencegateway.insight;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /v1/products/{id}/metrics}: the layered metrics of a product over a period, the health check, and
 * the targets it was checked against.
 *
 * @param answers the product's answers in the period
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductMetricsReport(String product, LocalDate from, LocalDate to, long answers,
        ProductMetrics.ModelQuality modelQuality, ProductMetrics.ProductUsage productUsage,
        ProductMetrics.BusinessImpact businessImpact, HealthCheck healthCheck, HealthTargets targets) {

    public static ProductMetricsReport of(String product, Period period, ProductMetrics metrics,
            HealthTargets targets) {
        return new ProductMetricsReport(product, period.from(), period.to(), metrics.answers(),
                metrics.modelQuality(), metrics.productUsage(), metrics.businessImpact(),
                new HealthCheckPolicy(targets).evaluate(metrics), targets);
    }

    @JsonIgnore
    public ProductMetrics metrics() {
        return new ProductMetrics(answers, modelQuality, productUsage, businessImpact);
    }
}
