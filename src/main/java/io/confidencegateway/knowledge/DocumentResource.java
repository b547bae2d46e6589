package io.confidencegateway.knowledge;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.confidencegateway.api.ProblemException;
import io.smallrye.mutiny.Uni;

/** The documents API: a product's knowledge base, which answers are grounded in and cite. */
@Path("/v1/products/{product}/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Knowledge base", description = "Documents that a product's answers are grounded in and cite")
public class DocumentResource {

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
            `gateway.knowledge.max-document-size` (10 MB by default). The document is cut into passages (markdown \
            by headings and paragraphs, PDF per page), embedded and indexed; it is searchable when the response \
            arrives, and a failed upload stores nothing.""")
    @APIResponse(responseCode = "201", description = "Stored and searchable")
    @APIResponse(responseCode = "400", description = "No file part, empty file, binary content sent as text, "
            + "invalid or encrypted PDF, or a PDF without extractable text")
    @APIResponse(responseCode = "404", description = "Unknown product")
    @APIResponse(responseCode = "409", description = "The product already has this exact document")
    @APIResponse(responseCode = "413", description = "Larger than gateway.knowledge.max-document-size")
    @APIResponse(responseCode = "415", description = "Not text, markdown or PDF (e.g. an image or an archive)")
    public Uni<Response> add(@Parameter(description = "The product id") @PathParam("product") String product,
            @RestForm("file") FileUpload file) {
        if (file == null) {
            throw ProblemException.badRequest("Send the document as multipart/form-data part 'file', e.g. "
                    + "curl -F file=@refund_policy.md <gateway>/v1/products/" + product + "/documents");
        }
        Upload upload = Upload.ofFile(file.fileName(), file.contentType(), file.size(), file.uploadedFile());
        return documents.add(product, upload).map(document -> Response.created(
                URI.create("/v1/products/" + product + "/documents/" + document.id())).entity(document).build());
    }

    @GET
    @Operation(summary = "List documents", description = "The product's documents, newest first, with their "
            + "passage counts.")
    @APIResponse(responseCode = "200", description = "The documents")
    @APIResponse(responseCode = "404", description = "Unknown product")
    public Uni<DocumentList> list(@Parameter(description = "The product id") @PathParam("product") String product) {
        return documents.list(product);
    }

    @GET
    @Path("/{document}")
    @Operation(summary = "Get a document", description = "One document of the product.")
    @APIResponse(responseCode = "200", description = "The document")
    @APIResponse(responseCode = "404", description = "Unknown product or document")
    public Uni<Document> get(@Parameter(description = "The product id") @PathParam("product") String product,
            @Parameter(description = "The document id") @PathParam("document") String document) {
        return documents.get(product, document);
    }

    @DELETE
    @Path("/{document}")
    @Operation(summary = "Delete a document", description = "Removes the document and all its passages; answers "
            + "stop citing it at once.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown product or document")
    public Uni<Response> delete(@Parameter(description = "The product id") @PathParam("product") String product,
            @Parameter(description = "The document id") @PathParam("document") String document) {
        return documents.delete(product, document).map(done -> Response.noContent().build());
    }
}
