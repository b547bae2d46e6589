package io.confidencegateway.api.score;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.confidencegateway.confidence.ConfidenceScore;
import io.confidencegateway.confidence.ScoreRequest;
import io.confidencegateway.confidence.ScoringService;
import io.smallrye.common.annotation.Blocking;

/**
 * Scores any answer against its passages, without a model call. Scoring costs a few milliseconds of CPU for a long
 * answer, too much for the event loop, so these methods run on a worker thread.
 */
@Path("/v1/score")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Confidence")
public class ScoreResource {

    private final ScoringService scoring;

    public ScoreResource(ScoringService scoring) {
        this.scoring = scoring;
    }

    @POST
    @Blocking
    @Operation(summary = "Score an answer's confidence", description = "Body: {question?, passages: [string | "
            + "{source, page?, text}], answer, logprobs?, thresholds?: {high, medium}}. Passages are cited as [1], "
            + "[2]… in order. Returns {confidence (0-1), confidence_label (high_confidence ≥ 0.85, "
            + "medium_confidence ≥ 0.60, else low_confidence, unless thresholds say otherwise), signals: [{name, "
            + "value, weight, reason}] (only those that apply), unsupported_claims: [{sentence_index, text, "
            + "reason}]}. Limits (400 beyond): answer 20,000 characters, 50 passages of at most 20,000 characters "
            + "and 100,000 in all (gateway.score.*). No model is called.")
    @APIResponse(responseCode = "200", description = "The confidence with its signals")
    @APIResponse(responseCode = "400", description = "A missing answer or passage, a limit exceeded, a value of the "
            + "wrong type, or a body that is not JSON (the problem names the field)")
    public ConfidenceScore score(ScoreRequest request) {
        return scoring.score(request);
    }

    @POST
    @Path("/batch")
    @Blocking
    @Operation(summary = "Score many answers", description = "Body: {items: [score request…]}, at most 100 items "
            + "(gateway.score.max-batch-items) and within the request body limit. Returns {results: [score…]} in "
            + "the order of the items; any invalid item fails the whole batch with 400, naming items[i].")
    @APIResponse(responseCode = "200", description = "One result per item, in order")
    @APIResponse(responseCode = "400", description = "No items, too many, or an invalid item (named items[i])")
    public ScoreRequest.BatchResult batch(ScoreRequest.Batch batch) {
        return scoring.scoreBatch(batch);
    }
}
