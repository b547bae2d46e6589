package io.confidencegateway.access;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.jboss.resteasy.reactive.ResponseStatus;

import io.confidencegateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** The admin API for keys ({@code /v1/keys}) and the audit log ({@code /v1/audit}); admin role only. */
@Path("/v1")
@Tag(name = "Access")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    /** The list of keys. */
    public record KeyList(List<KeyView> keys) {
    }

    /** The newest audit entries. */
    public record AuditPage(List<AuditLog.Entry> entries) {
    }

    private final KeyService keys;
    private final AuditLog audit;

    public KeyResource(KeyService keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @POST
    @Path("/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create an API key", description = "The answer carries the key in `key`: the only time it "
            + "is shown. The gateway keeps its SHA-256 only; `prefix` names it in lists and logs.")
    @APIResponse(responseCode = "201", description = "The key, with `key` shown this once")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; `errors` names it")
    public Uni<KeyView> create(NewKey request) {
        return keys.create(request);
    }

    @GET
    @Path("/keys")
    @Operation(summary = "List API keys", description = "Every key, revoked ones included; never the secrets.")
    @APIResponse(responseCode = "200", description = "The keys")
    public Uni<KeyList> list() {
        return keys.list().map(KeyList::new);
    }

    @GET
    @Path("/keys/{id}")
    @Operation(summary = "Read an API key with its usage", description = "Settings and current usage (requests "
            + "this minute, requests in flight), counted across every replica.")
    @APIResponse(responseCode = "200", description = "The key and its usage")
    @APIResponse(responseCode = "404", description = "No such key")
    public Uni<KeyView> get(@Parameter(description = "The key id") @PathParam("id") String id) {
        return keys.get(uuid(id));
    }

    @DELETE
    @Path("/keys/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Revoke an API key", description = "Refused at once on this replica and within "
            + "gateway.access.refresh (2 s) on every other one.")
    @APIResponse(responseCode = "204", description = "Revoked (or revoked already)")
    @APIResponse(responseCode = "404", description = "No such key")
    public Uni<Void> revoke(@Parameter(description = "The key id") @PathParam("id") String id) {
        return keys.revoke(uuid(id));
    }

    @POST
    @Path("/keys/{id}/rotate")
    @ResponseStatus(201)
    @Operation(summary = "Rotate an API key", description = "A new key with the same name, role, scope and "
            + "limits; the old one is revoked in the same step. The new key is shown this once.")
    @APIResponse(responseCode = "201", description = "The new key, with `key` shown this once")
    @APIResponse(responseCode = "404", description = "No such key, or it is revoked")
    public Uni<KeyView> rotate(@Parameter(description = "The key id") @PathParam("id") String id) {
        return keys.rotate(uuid(id));
    }

    @GET
    @Path("/audit")
    @Operation(summary = "Read the audit log", description = "Newest first: every successful change by an admin "
            + "and every review claim and resolution, with the acting key's id and prefix.")
    @APIResponse(responseCode = "200", description = "The newest entries")
    @APIResponse(responseCode = "400", description = "limit is not between 1 and 1000")
    public Uni<AuditPage> audit(@Parameter(description = "How many entries, default 100", schema = @Schema(
            type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) @QueryParam("limit") String limit) {
        int wanted;
        try {
            wanted = limit == null ? 100 : Integer.parseInt(limit.strip());
        } catch (NumberFormatException notANumber) {
            wanted = 0;
        }
        if (wanted < 1 || wanted > 1000) {
            throw ProblemException.badRequest("limit must be a whole number from 1 to 1000, not '" + limit + "'");
        }
        return audit.newest(wanted).map(AuditPage::new);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw ProblemException.notFound("There is no key " + id + "; key ids are UUIDs (GET /v1/keys lists them)");
        }
    }
}
