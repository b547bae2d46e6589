package io.confidencegateway.inference;

/** Why the gateway refused a request before calling any provider. */
public sealed interface GatewayError {

    /** What to tell the caller. */
    String message();

    /** The request is malformed or out of range; {@code param} names the offending field. */
    record InvalidRequest(String param, String message) implements GatewayError {
    }

    /** The model is neither a configured alias nor a direct {@code <provider>/<model>} route. */
    record UnknownModel(String model, String message) implements GatewayError {
    }

    /** The model exists, but its provider is disabled (for instance, no API key). */
    record ProviderDisabled(String model, String message) implements GatewayError {
    }

    /** The request uses a parameter the model's provider cannot honour. */
    record Unsupported(String param, String message) implements GatewayError {
    }

    /** Thrown to carry a {@link GatewayError}; no stack trace. */
    final class Rejection extends RuntimeException {
        private final transient GatewayError error;

        public Rejection(GatewayError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        public GatewayError error() {
            return error;
        }
    }
}
