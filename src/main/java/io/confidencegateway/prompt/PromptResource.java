package io.confidencegateway.prompt;

import java.net.URI;
import java.util.List;

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

/**
 * Prompt versions and labels of a product. Writes are admin operations: the access layer puts its rule on this
 * path; each write leaves an entry through {@link PromptAudit}.
 */
@Path("/v1/products/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prompts")
public class PromptResource {

    private final PromptService prompts;

    public PromptResource(PromptService prompts) {
        this.prompts = prompts;
    }

    @POST
    @Path("/prompts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a prompt version", description = "Stores the next version of the product's prompt "
            + "(immutable; the shipped prompt is version 1, so the first one created is 2) and answers 201 once "
            + "committed. It serves no one until a label points at it (PUT .../prompt-labels/{label}).")
    @APIResponse(responseCode = "201", description = "Created (Location: .../prompts/{version})",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation =
                    PromptVersion.class)))
    @APIResponse(responseCode = "400", description = "Instructions missing or too long, an unknown model alias, a "
            + "temperature outside 0-2 or passages outside 1-20, or a model none of whose providers is in the "
            + "product's data_residency region (problem+json naming each field; for the region, each provider of the "
            + "route and its region, as a product PUT does)")
    @APIResponse(responseCode = "404", description = "No product has that id")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewPrompt.class)))
    public Uni<RestResponse<PromptVersion>> create(@Parameter(description = "The product id") @PathParam("id")
            String id, NewPrompt prompt) {
        return prompts.create(id, prompt).map(created -> RestResponse.ResponseBuilder.<PromptVersion>created(
                URI.create("/v1/products/" + id + "/prompts/" + created.version())).entity(created).build());
    }

    @GET
    @Path("/prompts")
    @Operation(summary = "List prompt versions", description = "Every version of the product's prompt, oldest "
            + "first; version 1 is the shipped prompt.")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "404", description = "No product has that id")
    public Uni<List<PromptVersion>> list(@Parameter(description = "The product id") @PathParam("id") String id) {
        return prompts.list(id);
    }

    @GET
    @Path("/prompts/{version}")
    @Operation(summary = "Get a prompt version", description = "One version of the product's prompt.")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "400", description = "The version is not a whole number of 1 or more")
    @APIResponse(responseCode = "404", description = "No product has that id, or it has no such version")
    public Uni<PromptVersion> get(@Parameter(description = "The product id") @PathParam("id") String id,
            @Parameter(description = "The version number, 1 or more") @PathParam("version") String version) {
        return prompts.find(id, versionNumber(version));
    }

    @GET
    @Path("/prompt-labels")
    @Operation(summary = "List prompt labels", description = "Where each label of the product points, and the share "
            + "of conversations it takes from production; production is always listed.")
    @APIResponse(responseCode = "200", description = "The labels")
    @APIResponse(responseCode = "404", description = "No product has that id")
    public Uni<List<PromptLabel>> labels(@Parameter(description = "The product id") @PathParam("id") String id) {
        return prompts.labels(id);
    }

    @PUT
    @Path("/prompt-labels/{label}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a prompt label", description = "Points the label at a version of the product. "
            + "production serves everyone that no weighted label takes; another label with a weight takes that "
            + "percent of the conversations (sticky per conversation_id, else user_id). Rollback is moving the label "
            + "back. Takes effect at once on this replica and within gateway.prompts.label-cache-ttl (1 s) on the "
            + "others.")
    @APIResponse(responseCode = "200", description = "Moved and committed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation =
                    PromptLabel.class)))
    @APIResponse(responseCode = "400", description = "An invalid label name, a missing or unknown version, a weight "
            + "outside 0-100, a weight on production, weights over 100 in all, or a version whose own model cannot "
            + "serve the product's data_residency, forced or not (problem+json naming the field)")
    @APIResponse(responseCode = "404", description = "No product has that id")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LabelMove.class)))
    public Uni<PromptLabel> move(@Parameter(description = "The product id") @PathParam("id") String id,
            @Parameter(description = "The label, e.g. production or canary") @PathParam("label") String label,
            LabelMove move) {
        return prompts.move(id, label, move);
    }

    private static int versionNumber(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // Falls through to the problem below.
        }
        throw ProblemException.badRequest("version: '" + version + "' is not a version number; versions are whole "
                + "numbers from 1 (the shipped prompt)");
    }
}
