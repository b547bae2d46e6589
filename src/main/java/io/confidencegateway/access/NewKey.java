package io.confidencegateway.access;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /v1/keys}: who the key is for, what it may do and how much. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A key to create")
public record NewKey(
        @Schema(description = "Who or what the key is for, e.g. 'helpdesk-bot'", required = true, maxLength = 200)
        String name,
        @Schema(description = "client, agent or admin", required = true,
                enumeration = { "client", "agent", "admin" }) String role,
        @Schema(description = "Product ids the key may ask; absent: any") List<String> products,
        @Schema(description = "Model aliases the key may call directly; absent: any") List<String> models,
        @Schema(description = "Requests per minute", minimum = "1") Integer rpm,
        @Schema(description = "Model tokens per minute (prompt + completion)", minimum = "1") Integer tpm,
        @Schema(description = "Requests in flight at once", minimum = "1") Integer maxParallel,
        @Schema(description = "Budget in US dollars per budget_period (cost from gateway.pricing)", minimum = "0")
        BigDecimal budgetUsd,
        @Schema(description = "day or month (UTC); default month", enumeration = { "day", "month" })
        String budgetPeriod,
        @Schema(description = "When the key stops working (ISO-8601)") Instant expiresAt) {
}
