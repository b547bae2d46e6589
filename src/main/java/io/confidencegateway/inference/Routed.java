package io.confidencegateway.inference;

import java.util.List;
import java.util.UUID;

import io.confidencegateway.provider.Attempt;

/**
 * How one model call was served, in no API's vocabulary: the id it is recorded under, the alias the caller
 * addressed, the provider that answered, whether token usage was estimated (the upstream reported none), and
 * every attempt. Rides in the {@code gateway} slot of a response or of the last chunks; each API turns it into its
 * own wire shape.
 */
public record Routed(UUID inferenceId, String alias, String provider, boolean usageEstimated,
        List<Attempt> attempts) {

    static Routed of(InferenceService.Prepared prepared, boolean usageEstimated) {
        return new Routed(prepared.id(), prepared.route().alias(),
                InferenceService.servedOrPrimary(prepared).provider().id(), usageEstimated,
                prepared.trace().attempts());
    }
}
