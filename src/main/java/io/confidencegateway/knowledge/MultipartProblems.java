package io.confidencegateway.knowledge;

import java.io.IOException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.confidencegateway.problem.Problem;

/**
 * A multipart body that cannot be read to its closing boundary (cut off, or split by a boundary other than the one
 * its Content-Type names) fails in the form parser, before any resource method runs, as a plain
 * {@link IOException}: that is the sender's mistake, so a 400 that says what to fix rather than a 500. Any other
 * I/O failure stays a 500.
 */
public class MultipartProblems {

    private static final Logger LOG = Logger.getLogger(MultipartProblems.class);

    @ServerExceptionMapper
    public Response unreadable(IOException failure, HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        Problem problem;
        if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            problem = Rejections.unreadableMultipart();
        } else {
            LOG.error("Unexpected failure", failure);
            problem = Problem.of(500, "Internal Server Error",
                    "The gateway failed unexpectedly; the error is logged. Retry, and report it if it persists.");
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
