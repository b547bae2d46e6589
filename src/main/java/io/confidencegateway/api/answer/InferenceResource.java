package io.confidencegateway.api.answer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.confidencegateway.inference.InferenceLog;
import io.confidencegateway.inference.InferenceRecord;
import io.confidencegateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The record of one model call, by its inference id: every plain chat completion, and the model call behind each
 * product answer (same id as the answer: the answer at {@code /v1/answers/{id}} and its call here are one linked
 * pair, each read from its own table).
 */
@Path("/v1/inferences")
@Tag(name = "Answers")
public class InferenceResource {

    private final InferenceLog log;

    public InferenceResource(InferenceLog log) {
        this.log = log;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get the record of a model call", description = "What the gateway recorded of one model "
            + "call: api (chat_completions or answers), alias, provider, upstream model, status, error kind and "
            + "message, HTTP status, tokens (and whether they were estimated), latency, time to first token, every "
            + "provider attempt, and the text delivered. The id is the X-Inference-Id of a chat completion, or the id "
            + "of a product answer (whose AIResponse is at GET /v1/answers/{id}). Readable at once: a record still "
            + "waiting for its batch commit is served from memory.")
    @APIResponse(responseCode = "200", description = "The record of the call")
    @APIResponse(responseCode = "404", description = "No model call has that id (ids are UUIDs)")
    public Uni<InferenceRecord> get(@Parameter(description = "The inference id (X-Inference-Id)")
            @PathParam("id") String id) {
        return log.find(PathIds.uuid(id, "model call")).map(found -> found.orElseThrow(() -> ProblemException.notFound(
                "No model call has the id " + id)));
    }
}
