package io.confidencegateway.product;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/** Product specs and their model-tier recommendation. */
@Path("/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
public class ProductResource {

    private final ProductService products;
    private final ProductSpecCodec codec;

    public ProductResource(ProductService products, ProductSpecCodec codec) {
        this.products = products;
        this.codec = codec;
    }

    @GET
    @NonBlocking
    @Operation(summary = "List products", description = "Every product with its id and spec, by id.")
    @APIResponse(responseCode = "200", description = "The products")
    public List<ProductEntry> list() {
        return products.list();
    }

    @GET
    @Path("/{id}")
    @NonBlocking
    @Operation(summary = "Get a product", description = "The product's spec with its id; 404 when no product has "
            + "that id.")
    @APIResponse(responseCode = "200", description = "The product")
    @APIResponse(responseCode = "404", description = "No product has that id")
    public ProductEntry get(@Parameter(description = "The product id, a lowercase slug") @PathParam("id") String id) {
        return products.find(id).map(spec -> new ProductEntry(id, spec)).orElseThrow(() -> notFound(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a product", description = "Validates the spec and stores it: 201 when "
            + "the id was new, 200 when it replaced a product; either means committed. The id is a lowercase slug "
            + "(a-z, 0-9, '-', at most 63 characters). The body is a spec (snake_case fields); an `id` field is "
            + "optional and must match the path. Unknown fields, wrong types, unknown enum values, out-of-range "
            + "numbers and thresholds out of order get a 400 problem+json listing each bad field with what it "
            + "accepts. A data_residency that no provider of the product's model route (its model, else its tier's "
            + "alias) is in gets a 400 under data_residency naming each provider and its region; so does one the "
            + "model of a prompt version a label points at cannot serve (a version's model answers instead of the "
            + "spec's), naming the label and the version. An edited product wins over the seed file at later "
            + "restarts.")
    @APIResponse(responseCode = "200", description = "Replaced an existing product")
    @APIResponse(responseCode = "201", description = "Created a new product (Location: /v1/products/{id})",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation =
                    ProductEntry.class)))
    @APIResponse(responseCode = "400", description = "An invalid id or spec, or a data_residency its model route "
            + "or a labelled prompt version's model cannot serve; the problem lists every bad field")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductSpec.class)))
    public Uni<RestResponse<ProductEntry>> put(
            @Parameter(description = "The product id, a lowercase slug") @PathParam("id") String id, String body) {
        return products.put(id, codec.readBody(id, body)).map(result -> result.created()
                ? RestResponse.ResponseBuilder.<ProductEntry>created(URI.create("/v1/products/" + id))
                        .entity(result.product()).build()
                : RestResponse.ok(result.product()));
    }

    @GET
    @Path("/{id}/recommendation")
    @NonBlocking
    @Operation(summary = "Recommend a model tier", description = "The tier the product's spec calls for, with a "
            + "one-sentence reason and guardrails: high or critical hallucination risk → frontier (citations, human "
            + "review, confidence gating); long context → long-context; over 10,000 requests a day → "
            + "fine-tuned-small; else mid. model_alias is the tier's configured alias (gateway.tiers.*); when the "
            + "spec names its own model, it wins: overridden_by_spec_model is true and effective_model_alias is "
            + "that model.")
    @APIResponse(responseCode = "200", description = "The recommendation")
    @APIResponse(responseCode = "404", description = "No product has that id")
    public Recommendation recommendation(
            @Parameter(description = "The product id, a lowercase slug") @PathParam("id") String id) {
        return products.recommendationFor(id).orElseThrow(() -> notFound(id));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidProductException invalid) {
        // A body that is not JSON at all has no field to name; its detail says what is wrong.
        List<Problem.FieldError> errors = invalid.violations().stream().filter(v -> v.field() != null)
                .map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        Problem problem = new Problem("about:blank", "Bad Request", 400, "Invalid product: " + invalid.getMessage(),
                null, errors.isEmpty() ? null : errors);
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No product has the id '" + id + "'"
                + (ProductValidator.isValidId(id) ? "; GET /v1/products lists them"
                        : "; product ids are lowercase slugs (a-z, 0-9, '-')"));
    }
}
