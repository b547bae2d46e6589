package io.confidencegateway.knowledge;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.confidencegateway.problem.Problem;
import io.smallrye.mutiny.Uni;

/** The documents API: a product's knowledge base, which answers are grounded in and cite. */
@Path("/v1/products/{product}/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Knowledge base", description = "Documents that a product's answers are grounded in and cite")
public class DocumentResource {

    private static final String PROBLEM = Problem.MEDIA_TYPE;
    private static final String JSON = MediaType.APPLICATION_JSON;

    private final DocumentService documents;

    public DocumentResource(DocumentService documents) {
        this.documents = documents;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add a document", description = """
            Upload one document as multipart/form-data part `file`. Its file name becomes the source name that \
            citations show. Accepted: plain text (.txt, text/plain) and markdown (.md, text/markdown) in UTF-8, and \
            PDF (text is read page by page; citations carry the page). The size limit is \
            `gateway.knowledge.max-document-size` (10 MB by default). The document is checked, cut into passages \
            (markdown by headings and paragraphs, PDF per page) and stored before the response; embedding and \
            indexing follow in the background. The response is `202 Accepted` with `status: indexing` and a \
            `Location` to poll (`GET .../documents/{id}`): answers cite the document once its status is `ready` \
            (never part of it); `failed` carries an `error` in words. A bad upload is refused before anything is \
            stored. Sending the same file again (same bytes and file name) is safe: it returns the stored \
            document instead of a second copy (202 while it is still indexing, 200 once ready); after a failed \
            indexing it replaces the failed document and starts again (202).""")
    @APIResponse(responseCode = "202", description = "Stored; indexing in the background (also: the same file "
            + "again while it is indexing, or after its indexing failed)", headers = @Header(name = "Location",
            description = "The document, to poll until status is ready"),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Document.class)))
    @APIResponse(responseCode = "200", description = "The same file again: the stored document, already ready",
            headers = @Header(name = "Location", description = "The document"),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Document.class)))
    @APIResponse(responseCode = "400", description = "No file part, a multipart body that is cut off or whose "
            + "boundary is missing or does not match, an empty file, binary content sent as text, an invalid or "
            + "encrypted PDF, or a PDF without extractable text", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "Unknown product", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The product already has this exact document under another "
            + "file name", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = "Larger than gateway.knowledge.max-document-size",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = "Not multipart/form-data, or a file that is not text, markdown "
            + "or PDF (e.g. an image or an archive)", content = @Content(mediaType = PROBLEM))
    public Uni<Response> add(@Parameter(description = "The product id") @PathParam("product") String product,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @RestForm("file") FileUpload file) {
        if (file == null) {
            throw Rejections.noFilePart(product, contentType);
        }
        Upload upload = Upload.ofFile(file.fileName(), file.contentType(), file.size(), file.uploadedFile());
        return documents.add(product, upload).map(added -> {
            Document document = added.document();
            boolean accepted = added.outcome() == DocumentService.Outcome.ACCEPTED
                    || document.status() == DocumentStatus.INDEXING;
            return Response.status(accepted ? Response.Status.ACCEPTED : Response.Status.OK)
                    .location(URI.create("/v1/products/" + product + "/documents/" + document.id()))
                    .entity(document).build();
        });
    }

    @GET
    @Operation(summary = "List documents", description = "The product's documents, newest first, with their "
            + "passage counts and indexing status (`indexing`, `ready`, `failed`).")
    @APIResponse(responseCode = "200", description = "The documents")
    @APIResponse(responseCode = "404", description = "Unknown product", content = @Content(mediaType = PROBLEM))
    public Uni<DocumentList> list(@Parameter(description = "The product id") @PathParam("product") String product) {
        return documents.list(product);
    }

    @GET
    @Path("/{document}")
    @Operation(summary = "Get a document", description = "One document of the product with its indexing "
            + "progress: `status` is `indexing` (passages stored, `passages_indexed` of `passages` embedded so far; "
            + "not cited yet), `ready` (searchable, cited) or `failed` (`error` says why; upload the same file again "
            + "to retry).")
    @APIResponse(responseCode = "200", description = "The document and its status")
    @APIResponse(responseCode = "404", description = "Unknown product or document", content = @Content(
            mediaType = PROBLEM))
    public Uni<Document> get(@Parameter(description = "The product id") @PathParam("product") String product,
            @Parameter(description = "The document id") @PathParam("document") String document) {
        return documents.get(product, document);
    }

    @DELETE
    @Path("/{document}")
    @Operation(summary = "Delete a document", description = "Removes the document and all its passages, whatever "
            + "its status (indexing stops); answers stop citing it at once.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown product or document", content = @Content(
            mediaType = PROBLEM))
    public Uni<Response> delete(@Parameter(description = "The product id") @PathParam("product") String product,
            @Parameter(description = "The document id") @PathParam("document") String document) {
        return documents.delete(product, document).map(done -> Response.noContent().build());
    }
}
