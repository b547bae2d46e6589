package io.confidencegateway.evaluation;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.confidencegateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** A product's golden set and the evaluations of its prompt versions on it (writes are admin operations). */
@Path("/v1/products/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prompts")
public class EvaluationResource {

    private final EvaluationService evaluations;

    public EvaluationResource(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @PUT
    @Path("/golden-set")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the golden set", description = "The questions every prompt version is evaluated "
            + "on, each with the sources (document file names) a good answer cites and, optionally, a reference "
            + "answer. Replaces the whole set; 200 once committed.")
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(mediaType =
            MediaType.APPLICATION_JSON, schema = @Schema(implementation = GoldenSet.class)))
    @APIResponse(responseCode = "400", description = "No questions, more than 200, a blank question or one without "
            + "sources (problem+json naming each field, e.g. questions[2].sources)")
    @APIResponse(responseCode = "404", description = "No product has that id")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GoldenSet.Body.class)))
    public Uni<GoldenSet> putGoldenSet(@Parameter(description = "The product id") @PathParam("id") String id,
            GoldenSet.Body body) {
        return evaluations.putGoldenSet(id, body);
    }

    @GET
    @Path("/golden-set")
    @Operation(summary = "Get the golden set", description = "The product's golden set.")
    @APIResponse(responseCode = "200", description = "The golden set")
    @APIResponse(responseCode = "404", description = "No product has that id, or it has no golden set yet")
    public Uni<GoldenSet> goldenSet(@Parameter(description = "The product id") @PathParam("id") String id) {
        return evaluations.goldenSet(id);
    }

    @POST
    @Path("/prompts/{version}/evaluations")
    @Operation(summary = "Evaluate a prompt version", description = "Runs the golden set through the real pipeline "
            + "with this version's instructions, model, temperature and passages, in the background (the answers are "
            + "scored but neither stored nor queued for people). Answers 202 at once with status running; poll the "
            + "Location until status is finished (or failed, with failure saying why: e.g. the gateway instance running "
            + "it stopped, found when its lease gateway.evaluations.lease runs out; start it again). The report: citation hit rate, mean confidence, "
            + "hand-off rate, unsupported-claim share, overlap with the reference answers, cost and latency, with "
            + "the detail per question. Moving production to a version needs a finished evaluation of it and of the "
            + "current production version.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(mediaType =
            MediaType.APPLICATION_JSON, schema = @Schema(implementation = Evaluation.class)))
    @APIResponse(responseCode = "400", description = "The version is not a whole number of 1 or more")
    @APIResponse(responseCode = "404", description = "No product has that id, or it has no such version")
    @APIResponse(responseCode = "409", description = "The product has no golden set yet")
    public Uni<RestResponse<Evaluation>> evaluate(@Parameter(description = "The product id") @PathParam("id")
            String id, @Parameter(description = "The version number") @PathParam("version") String version) {
        return evaluations.start(id, number(version)).map(started -> RestResponse.ResponseBuilder
                .<Evaluation>accepted().location(URI.create("/v1/products/" + id + "/prompts/" + started.version()
                        + "/evaluations/" + started.id())).entity(started).build());
    }

    @GET
    @Path("/prompts/{version}/evaluations/{evaluation}")
    @Operation(summary = "Get an evaluation", description = "Its progress (completed of total) and last heartbeat "
            + "(updated_at) while running; the summary and per-question detail once finished; failure, in words that "
            + "say what to do, once failed (\"the gateway instance running it stopped; start it again\" when the "
            + "replica running it stopped and its lease expired).")
    @APIResponse(responseCode = "200", description = "The evaluation")
    @APIResponse(responseCode = "400", description = "The version or the evaluation id is malformed")
    @APIResponse(responseCode = "404", description = "No product has that id, or no such evaluation of it")
    public Uni<Evaluation> evaluation(@Parameter(description = "The product id") @PathParam("id") String id,
            @Parameter(description = "The version number") @PathParam("version") String version,
            @Parameter(description = "The evaluation id") @PathParam("evaluation") String evaluation) {
        int number = number(version);
        UUID uuid;
        try {
            uuid = UUID.fromString(evaluation);
        } catch (IllegalArgumentException notAnId) {
            throw ProblemException.badRequest("evaluation: '" + evaluation + "' is not an evaluation id (a UUID, "
                    + "as in the Location of POST .../evaluations)");
        }
        return evaluations.find(id, uuid).map(found -> {
            if (found.version() != number) {
                throw ProblemException.notFound("Evaluation " + uuid + " is of version " + found.version()
                        + ", not " + number + "; GET /v1/products/" + id + "/prompts/" + found.version()
                        + "/evaluations/" + uuid);
            }
            return found;
        });
    }

    private static int number(String version) {
        try {
            int n = Integer.parseInt(version);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // Falls through to the problem below.
        }
        throw ProblemException.badRequest("version: '" + version + "' is not a version number; versions are whole "
                + "numbers from 1 (the shipped prompt)");
    }
}
