package io.confidencegateway.api.answer;

import java.util.UUID;

import io.confidencegateway.problem.ProblemException;

/** An id in a path that must be a UUID; anything else names no stored thing, so it is a 404 that says why. */
final class PathIds {

    private PathIds() {
    }

    /** The UUID, or a 404 problem: "No {thing} has the id '…': {thing} ids are UUIDs as returned in X-Inference-Id". */
    static UUID uuid(String id, String thing) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw ProblemException.notFound("No " + thing + " has the id '" + id + "': " + thing + " ids are UUIDs as "
                    + "returned in the X-Inference-Id header");
        }
    }
}
