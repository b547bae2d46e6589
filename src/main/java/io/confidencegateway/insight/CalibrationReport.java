package io.confidencegateway.insight;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code GET /v1/products/{id}/calibration}: the reliability table of a product's answers over a period. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CalibrationReport(String product, LocalDate from, LocalDate to, ReliabilityTable reliability) {
}
