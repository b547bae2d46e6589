package io.confidencegateway.insight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** Layered product metrics with their health check, and the reliability table of confidence. */
@Path("/v1/products/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Product metrics")
public class ProductMetricsResource {

    private final ProductMetricsService metrics;

    public ProductMetricsResource(ProductMetricsService metrics) {
        this.metrics = metrics;
    }

    @GET
    @Path("/metrics")
    @Operation(summary = "Layered metrics and health check", description = "Model quality (accuracy, "
            + "hallucination_rate, latency_p95), product usage (csat, adoption_rate, edit_rate) and business impact "
            + "(resolution_rate, deflection_rate, cost_per_resolution, handoff_answer_rate) of the product's answers "
            + "created in the period, each with its sample size; a metric without data is null with sample_size 0. "
            + "Adoption needs answers that carry a user_id and a spec with eligible_users. The health_check says "
            + "PASS, WARN, FAIL, or NO_DATA.")
    @APIResponse(responseCode = "200", description = "The metrics and the health check")
    @APIResponse(responseCode = "400", description = "A date that is not ISO (yyyy-mm-dd), or from after to")
    @APIResponse(responseCode = "404", description = "No product has that id")
    public Uni<ProductMetricsReport> metrics(@PathParam("id") String id,
            @Parameter(description = "First day, ISO date (UTC); default 6 days before 'to'", schema = @Schema(
                    type = SchemaType.STRING, format = "date")) @QueryParam("from")
            String from,
            @Parameter(description = "Last day, included, ISO date (UTC); default today", schema = @Schema(
                    type = SchemaType.STRING, format = "date")) @QueryParam("to")
            String to) {
        return metrics.metrics(id, Period.parse(from, to, metrics.today(), ProductMetricsService.METRICS_DAYS));
    }

    @GET
    @Path("/calibration")
    @Operation(summary = "Reliability table", description = "Observed accuracy per confidence bucket (0.0–0.1 … "
            + "0.9–1.0) of the product's answers created in the period, and the expected calibration error.")
    @APIResponse(responseCode = "200", description = "The reliability table")
    @APIResponse(responseCode = "400", description = "A date that is not ISO (yyyy-mm-dd), or from after to")
    @APIResponse(responseCode = "404", description = "No product has that id")
    public Uni<CalibrationReport> calibration(@PathParam("id") String id,
            @Parameter(description = "First day, ISO date (UTC); default 29 days before 'to'", schema = @Schema(
                    type = SchemaType.STRING, format = "date")) @QueryParam("from")
            String from,
            @Parameter(description = "Last day, included, ISO date (UTC); default today", schema = @Schema(
                    type = SchemaType.STRING, format = "date")) @QueryParam("to")
            String to) {
        return metrics.calibration(id, Period.parse(from, to, metrics.today(),
                ProductMetricsService.CALIBRATION_DAYS));
    }
}
