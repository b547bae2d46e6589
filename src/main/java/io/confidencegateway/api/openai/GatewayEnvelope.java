package io.confidencegateway.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The gateway's extension to an OpenAI completion: the {@code gateway} field of a JSON answer, and of the finish
 * chunk of a stream (and of the usage chunk after it, when the caller asked for usage).
 *
 * @param inferenceId the id under which the call is recorded ({@code GET /v1/inferences/{id}})
 * @param model the alias the caller addressed
 * @param provider the provider that served the answer
 * @param usageEstimated whether token usage was estimated because the upstream reported none
 * @param attempts every provider attempt, shown only when there was more than one (retries, failover)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayEnvelope(String inferenceId, String model, String provider, Boolean usageEstimated,
        java.util.List<io.confidencegateway.provider.Attempt> attempts) {

    /** The envelope of a call served as {@code routed} says; attempts shown only when there was more than one. */
    static GatewayEnvelope of(io.confidencegateway.inference.Routed routed) {
        return new GatewayEnvelope(routed.inferenceId().toString(), routed.alias(), routed.provider(),
                routed.usageEstimated() ? Boolean.TRUE : null, routed.attempts().size() > 1 ? routed.attempts() : null);
    }
}
