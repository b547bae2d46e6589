package io.confidencegateway.feedback;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Feedback on answers from support tools: ratings, what was sent, outcomes, CSAT, fabrications. */
@Path("/v1/answers/{id}/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feedback")
public class FeedbackResource {

    private final FeedbackService feedback;

    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give feedback on an answer", description = "Stores one feedback event (several per answer "
            + "are fine) and answers 201 once it is committed. With an Idempotency-Key, the same key and body return "
            + "the event stored the first time; the same key with another body is 422.")
    public Uni<Response> submit(@Parameter(description = "The answer id (X-Inference-Id)") @PathParam("id") String id,
            @Parameter(description = "Makes retries safe: one event per key") @HeaderParam("Idempotency-Key")
            String idempotencyKey,
            @RequestBody(content = @Content(schema = @Schema(implementation = FeedbackRequest.class))) JsonNode body) {
        return feedback.submit(id, idempotencyKey, body).map(submission -> {
            Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(submission.event());
            if (submission.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }

    @GET
    @Operation(summary = "List the feedback on an answer", description = "Every event, oldest first, including "
            + "reviewers' verdicts.")
    public Uni<List<FeedbackEvent>> list(@PathParam("id") String id) {
        return feedback.list(id);
    }
}
