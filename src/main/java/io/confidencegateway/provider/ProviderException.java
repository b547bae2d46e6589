package io.confidencegateway.provider;

/** Carries a {@link ProviderFailure} through reactive pipelines. No stack trace: the failure says it all. */
public final class ProviderException extends RuntimeException {

    private final transient ProviderFailure failure;

    public ProviderException(ProviderFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    public ProviderFailure failure() {
        return failure;
    }
}
