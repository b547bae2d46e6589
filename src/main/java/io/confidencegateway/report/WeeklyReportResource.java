package io.confidencegateway.report;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** The weekly stakeholder update: Markdown by default, HTML or JSON on request (Accept). */
@Path("/v1/products/{id}/reports/weekly")
@Tag(name = "Reports")
public class WeeklyReportResource {

    static final String MARKDOWN = "text/markdown";
    private static final MediaType MARKDOWN_TYPE = MediaType.valueOf(MARKDOWN + ";charset=UTF-8");
    private static final MediaType HTML_TYPE = MediaType.valueOf(MediaType.TEXT_HTML + ";charset=UTF-8");

    private final WeeklyReportService reports;

    public WeeklyReportResource(WeeklyReportService reports) {
        this.reports = reports;
    }

    @GET
    @Produces({ MARKDOWN, MediaType.TEXT_HTML, MediaType.APPLICATION_JSON })
    @Operation(summary = "Weekly stakeholder update", description = "Status (N/M metrics on target), highlights, "
            + "quality, actions and the change since the previous week, in percentages and dollars. "
            + "text/markdown (default), text/html or application/json by Accept.")
    @APIResponse(responseCode = "200", description = "The update, in the representation the Accept header picks")
    @APIResponse(responseCode = "400", description = "A week that is not an ISO week such as 2026-W48")
    @APIResponse(responseCode = "404", description = "No product has that id")
    public Uni<Response> weekly(@PathParam("id") String id,
            @Parameter(description = "ISO week, e.g. 2026-W48; default the last complete week (UTC)", schema = @Schema(
                    type = SchemaType.STRING, pattern = "^[0-9]{4}-W[0-9]{2}$"))
            @QueryParam("week") String week, @Context HttpHeaders headers) {
        MediaType type = negotiate(headers.getAcceptableMediaTypes());
        return reports.weekly(id, week).map(report -> {
            Object body;
            if (type.equals(MediaType.APPLICATION_JSON_TYPE)) {
                body = report;
            } else if (type.equals(HTML_TYPE)) {
                body = WeeklyReportRenderer.html(report);
            } else {
                body = WeeklyReportRenderer.markdown(report);
            }
            return Response.ok(body, type).build();
        });
    }

    /** The first acceptable of Markdown, HTML, JSON in the client's order of preference; Markdown for any. */
    static MediaType negotiate(List<MediaType> acceptable) {
        for (MediaType accepted : acceptable) {
            if (accepted.isWildcardType()) {
                return MARKDOWN_TYPE;
            }
            if (accepted.isCompatible(MediaType.valueOf(MARKDOWN))) {
                return MARKDOWN_TYPE;
            }
            if (accepted.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return HTML_TYPE;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return MediaType.APPLICATION_JSON_TYPE;
            }
        }
        return MARKDOWN_TYPE;
    }
}
