package io.confidencegateway.knowledge;

import io.confidencegateway.api.Problem;
import io.confidencegateway.api.ProblemException;

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

    static ProblemException tooLarge(long size, long max) {
        return new ProblemException(Problem.of(413, "Content Too Large", "The document has " + size
                + " bytes; the limit is " + max + " bytes (gateway.knowledge.max-document-size). Split it into "
                + "smaller documents"));
    }
}
