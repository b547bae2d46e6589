package io.confidencegateway.api.answer;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.confidencegateway.api.ProblemException;
import io.confidencegateway.inference.InferenceLog;
import io.confidencegateway.inference.InferenceRecord;
import io.smallrye.mutiny.Uni;

/** Native answers API: a recorded answer by its inference id. */
@Path("/v1/answers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Answers")
public class AnswerResource {

    private final InferenceLog log;

    public AnswerResource(InferenceLog log) {
        this.log = log;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a recorded answer", description = "The record of one answer by the id returned in "
            + "X-Inference-Id (or gateway.inference_id): alias, provider, upstream model, status, tokens, latency, "
            + "time to first token, and the answer text as delivered. Readable immediately after the response.")
    public Uni<InferenceRecord> get(@Parameter(description = "The inference id (a UUID)") @PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw ProblemException.notFound("No answer has the id '" + id + "': answer ids are UUIDs as returned in "
                    + "the X-Inference-Id header");
        }
        return log.find(uuid).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("No answer has the id " + id)));
    }
}
