package io.confidencegateway.inference;

import java.util.UUID;

import io.confidencegateway.provider.ProviderFailure;

/** A provider failure that ended an inference; carries the inference id the failure was recorded under. */
public final class InferenceFailure extends RuntimeException {

    private final UUID inferenceId;
    private final transient ProviderFailure failure;

    public InferenceFailure(UUID inferenceId, ProviderFailure failure) {
        super(failure.message(), null, false, false);
        this.inferenceId = inferenceId;
        this.failure = failure;
    }

    public UUID inferenceId() {
        return inferenceId;
    }

    public ProviderFailure failure() {
        return failure;
    }
}
