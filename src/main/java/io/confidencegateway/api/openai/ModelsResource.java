package io.confidencegateway.api.openai;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.provider.ModelCatalog;

/** {@code GET /v1/models}: the configured model aliases, in OpenAI's list shape. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "OpenAI-compatible")
public class ModelsResource {

    /** OpenAI's model object, plus the gateway's routing facts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String id, String object, long created, String ownedBy, String upstreamModel,
            String route, String description, boolean available, String status, String statusReason,
            List<String> regions, List<ProviderRegion> providers) {
    }

    /**
     * One provider of an alias's route and where it processes data: its declared region, {@code local} for a
     * provider inside the gateway (local to every region), absent when it declares none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProviderRegion(String name, String region) {
    }

    /** OpenAI's list envelope. */
    public record ModelList(String object, List<Model> data) {
    }

    private final ModelCatalog catalog;

    public ModelsResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "List model aliases", description = "Every configured alias with the provider that serves "
            + "it (owned_by), the upstream model, and what the gateway knows of it without calling it: status ready "
            + "(in-process, last call ok, or its self-hosted server answered the background check), configured "
            + "(enabled, not called yet), failing (last call failed), checking (background check pending), "
            + "unreachable (nobody answered the background check), circuit_open, or disabled (no API key), with "
            + "status_reason; available is true for ready, configured and failing. regions lists where the alias "
            + "can serve a product's data_residency (its providers' gateway.providers.<name>.region, and local "
            + "for the in-process extractive provider, local to every region); providers gives each provider of "
            + "the route with its region.")
    @APIResponse(responseCode = "200", description = "The aliases, in OpenAI's list shape")
    public ModelList list() {
        return new ModelList("list", catalog.list().values().stream().map(ModelsResource::model).toList());
    }

    @GET
    @Path("/{model}")
    @Operation(summary = "Get one model alias", description = "What OpenAI SDKs' models.retrieve reads; errors are "
            + "in OpenAI's error shape, like the rest of the OpenAI-compatible surface.")
    @APIResponse(responseCode = "200", description = "The alias")
    @APIResponse(responseCode = "404", description = "No alias of that name (code model_not_found)")
    public Response get(@PathParam("model") String model) {
        ModelCatalog.Listed listed = catalog.list().get(model);
        if (listed == null) {
            var error = OpenAiError.of(new io.confidencegateway.inference.GatewayError.UnknownModel(model,
                    "The model '" + model + "' does not exist on this gateway; GET /v1/models lists the available ones"));
            return Response.status(error.status()).entity(error.body()).build();
        }
        return Response.ok(model(listed)).build();
    }

    private static Model model(ModelCatalog.Listed listed) {
        return new Model(listed.alias(), "model", 0, listed.provider(), listed.upstreamModel(), listed.route(),
                listed.description(), listed.available(), listed.status(), listed.statusReason(), listed.regions(),
                listed.placements().stream().map(p -> new ProviderRegion(p.provider(), p.local() ? "local"
                        : p.region())).toList());
    }
}
