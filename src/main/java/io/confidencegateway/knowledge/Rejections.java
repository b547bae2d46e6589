package io.confidencegateway.knowledge;

import jakarta.ws.rs.core.MediaType;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;

/** The answers to documents the knowledge base cannot take, each saying what to send instead. */
final class Rejections {

    static final String ACCEPTED = "upload plain text (.txt), markdown (.md) or PDF (.pdf)";

    private Rejections() {
    }

    static ProblemException badDocument(String detail) {
        return ProblemException.badRequest(detail);
    }

    static ProblemException unsupported(String detail) {
        return new ProblemException(Problem.of(415, "Unsupported Media Type", detail + "; " + ACCEPTED));
    }

    /**
     * No part named {@code file}: said as a missing boundary when the Content-Type names none (the parser then finds
     * no parts at all), else as the part to send.
     */
    static ProblemException noFilePart(String productId, String contentType) {
        if (boundaryOf(contentType).isEmpty()) {
            return badDocument("The Content-Type multipart/form-data has no boundary parameter, so the parts of the "
                    + "body cannot be found; let the client build the body and its header (e.g. " + curl(productId)
                    + ")");
        }
        return badDocument("Send the document as multipart/form-data part 'file', e.g. " + curl(productId));
    }

    /** The multipart body could not be read to its closing boundary. */
    static Problem unreadableMultipart() {
        return Problem.of(400, "Bad Request", "The multipart body ended before its closing boundary: it was cut off, "
                + "or its parts are not separated by the boundary that the Content-Type header names. Send the whole "
                + "file as part 'file' (e.g. curl -F file=@refund_policy.md <gateway>/v1/products/<id>/documents)");
    }

    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return "";
        }
        try {
            String boundary = MediaType.valueOf(contentType).getParameters().get("boundary");
            return boundary == null ? "" : boundary.strip();
        } catch (IllegalArgumentException unparsable) {
            return "";
        }
    }

    private static String curl(String productId) {
        return "curl -F file=@refund_policy.md <gateway>/v1/products/" + productId + "/documents";
    }

    static ProblemException tooLarge(long size, long max) {
        return new ProblemException(Problem.of(413, "Content Too Large", "The document has " + size
                + " bytes; the limit is " + max + " bytes (gateway.knowledge.max-document-size). Split it into "
                + "smaller documents"));
    }
}
