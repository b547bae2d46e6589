package io.confidencegateway.feedback;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Feedback on answers from support tools: ratings, what was sent, outcomes, CSAT, fabrications. */
@Path("/v1/answers/{id}/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feedback")
public class FeedbackResource {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final FeedbackService feedback;

    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give feedback on an answer", description = "Stores one feedback event (several per answer "
            + "are fine) and answers 201 once it is committed. A client key may give feedback only on answers it "
            + "created; agent and admin keys on any answer. With an Idempotency-Key, the same key and body return "
            + "the event stored the first time; the same key with another body is 422.")
    @APIResponse(responseCode = "201", description = "Stored and committed (also a replay with the same key and body, "
            + "marked Idempotent-Replayed: true)")
    @APIResponse(responseCode = "400", description = "A field of the wrong type or out of range, no signal at all, an "
            + "Idempotency-Key that is empty, too long, not printable ASCII or has a space at either end, or a body "
            + "that is not JSON (the problem "
            + "names the field or header)")
    @APIResponse(responseCode = "403", description = "A client key on an answer (or chat completion) it did not "
            + "create: client keys give feedback only on their own answers, agent and admin keys on any (code "
            + "not_answer_owner; a rotated key keeps the answers of the keys it replaced; answers stored before "
            + "answers recorded their key count as another key's). Checked before an Idempotency-Key replay; nothing "
            + "is stored")
    @APIResponse(responseCode = "404", description = "No answer has that id")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used with another request, or "
            + "the hallucination_span is not in the answer's draft (offsets past its end, or text it does not contain)")
    @APIResponse(responseCode = "503", description = "The store is not accepting writes, so the chat completion the "
            + "feedback is about could not be stored first; nothing was stored. Retry after Retry-After seconds")
    @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, description = "Makes retries safe: one event per "
            + "key. " + IdempotencyKeyPolicy.RULE + ".", schema = @Schema(type = SchemaType.STRING, minLength = 1,
                    maxLength = IdempotencyKeyPolicy.MAX_LENGTH, pattern = "^[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?$"))
    public Uni<Response> submit(@Parameter(description = "The answer id (X-Inference-Id)") @PathParam("id") String id,
            @Context HttpHeaders headers,
            @RequestBody(content = @Content(schema = @Schema(implementation = FeedbackRequest.class))) JsonNode body) {
        return feedback.submit(id, idempotencyKey(headers), body).map(submission -> {
            Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(submission.event());
            if (submission.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }

    // @HeaderParam turns a header sent empty into null, i.e. "no key"; an empty key is a mistake to name.
    private static String idempotencyKey(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(IDEMPOTENCY_KEY);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.get(0) == null ? "" : values.get(0);
    }

    @GET
    @Operation(summary = "List the feedback on an answer", description = "Every event, oldest first, including "
            + "reviewers' verdicts.")
    @APIResponse(responseCode = "200", description = "The events, oldest first")
    @APIResponse(responseCode = "404", description = "No answer has that id")
    public Uni<List<FeedbackEvent>> list(@PathParam("id") String id) {
        return feedback.list(id);
    }
}
