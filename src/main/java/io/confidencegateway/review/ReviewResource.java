package io.confidencegateway.review;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import io.confidencegateway.access.AccessPolicy;
import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** The human review queue over HTTP: list, read, claim and resolve items. */
@Path("/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews", description = "Answers an agent must check, and questions handed to a person")
public class ReviewResource {

    private final ReviewQueue queue;
    private final Callers callers;

    public ReviewResource(ReviewQueue queue, Callers callers) {
        this.callers = callers;
        this.queue = queue;
    }

    @GET
    @Operation(summary = "List review items", description = "Pending items first, then claimed, then resolved; "
            + "oldest first within each. Paged (1-based), with the total count over all pages.")
    @APIResponse(responseCode = "200", description = "A page of items")
    @APIResponse(responseCode = "400", description = "An invalid status, page or size (problem+json naming it)")
    @APIResponse(responseCode = "403", description = "product names a product the caller's key may not use (a key "
            + "limited to some products sees only their items)")
    public Uni<ReviewPage> list(
            @Parameter(description = "pending, claimed or resolved; all when absent", schema = @Schema(
                    type = SchemaType.STRING, enumeration = {"pending", "claimed", "resolved"}))
            @QueryParam("status") String status,
            @Parameter(description = "Only this product's items") @QueryParam("product") String product,
            @Parameter(description = "1-based page number", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Items per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        // A key limited to some products sees only their items; naming another product is a 403.
        ApiKey caller = callers.current().orElse(null);
        if (product != null && !product.isBlank()) {
            callers.requireProduct(product);
        }
        return queue.list(status, product, caller == null ? null : caller.products(), page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a review item", description = "The question, the draft with its passages and "
            + "signals, the claim and the resolution.")
    @APIResponse(responseCode = "200", description = "The item")
    @APIResponse(responseCode = "403", description = "The item belongs to a product the caller's key may not use")
    @APIResponse(responseCode = "404", description = "No item has that id")
    public Uni<ReviewItem> get(@Parameter(description = "The review item id (the ticket)") @PathParam("id") String id) {
        return inScope(queue.get(uuid(id)));
    }

    @POST
    @Path("/{id}/claim")
    @Operation(summary = "Claim a review item", description = "Gives the item to the reviewer until "
            + "claim_expires_at (gateway.review.claim-timeout). The claim is bound to the caller's API key: only the "
            + "same key and reviewer name renew or resolve it. After expiry anyone may take it over. Concurrent claims "
            + "have exactly one winner.")
    @APIResponse(responseCode = "200", description = "The claimed item")
    @APIResponse(responseCode = "400", description = "The reviewer is missing")
    @APIResponse(responseCode = "403", description = "The item belongs to a product the caller's key may not use")
    @APIResponse(responseCode = "404", description = "No item has that id")
    @APIResponse(responseCode = "409", description = "Claimed by someone else (the problem says who and until when), "
            + "or already resolved")
    public Uni<ReviewItem> claim(@Parameter(description = "The review item id") @PathParam("id") String id,
            ClaimRequest request) {
        UUID item = uuid(id);
        return inScope(queue.get(item)).chain(ignored -> queue.claim(item, request, callerKey()));
    }

    @POST
    @Path("/{id}/resolve")
    @Operation(summary = "Resolve a review item", description = "The verdict of the reviewer who holds the claim: "
            + "approve, edit (with final_text, what was actually sent) or reject. The verdict is recorded as "
            + "feedback on the answer and sent to the product's webhook.")
    @APIResponse(responseCode = "200", description = "The resolved item")
    @APIResponse(responseCode = "400", description = "Missing reviewer, unknown action, or edit without final_text")
    @APIResponse(responseCode = "403", description = "The item belongs to a product the caller's key may not use")
    @APIResponse(responseCode = "404", description = "No item has that id")
    @APIResponse(responseCode = "409", description = "Not claimed by this reviewer with this API key, or already "
            + "resolved")
    public Uni<ReviewItem> resolve(@Parameter(description = "The review item id") @PathParam("id") String id,
            ResolveRequest request) {
        UUID item = uuid(id);
        return inScope(queue.get(item)).chain(ignored -> queue.resolve(item, request, callerKey()));
    }

    /** The item, or a 403 naming the product when the caller's key is limited to other products. */
    private Uni<ReviewItem> inScope(Uni<ReviewItem> item) {
        // The key is read here, on the request's thread; the item arrives from a worker.
        ApiKey caller = callers.current().orElse(null);
        return item.invoke(found -> {
            if (caller != null && !caller.mayUseProduct(found.product())) {
                throw new ProblemException(Problem.of(403, "Forbidden",
                        AccessPolicy.productForbidden(caller, found.product()).detail()));
            }
        });
    }

    /** The acting API key: claims are bound to it, so a reviewer is who holds the key, not a typed name. */
    private UUID callerKey() {
        return callers.current().map(ApiKey::id).orElse(null);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw ProblemException.notFound("No review item has the id '" + id + "': ids are UUIDs");
        }
    }
}
