package io.confidencegateway.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One try of one provider during a request: {@code outcome} is {@code ok}, a failure kind ({@code timeout},
 * {@code server_error}…), {@code circuit_open} (skipped), or {@code cancelled}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(String provider, String model, String outcome, String detail, long elapsedMs) {
}
