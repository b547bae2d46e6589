package io.confidencegateway.inference;

import io.confidencegateway.provider.ProviderFailure;

/** The HTTP status a caller gets for a provider failure (the statuses OpenAI SDKs understand). */
public final class OpenAiStatus {

    private OpenAiStatus() {
    }

    public static int of(ProviderFailure failure) {
        if (failure instanceof ProviderFailure.Exhausted exhausted) {
            return exhausted.last() == null ? 503 : of(exhausted.last());
        }
        if (failure instanceof ProviderFailure.Timeout) {
            return 504;
        }
        if (failure instanceof ProviderFailure.ConnectFailed) {
            return 503;
        }
        if (failure instanceof ProviderFailure.RateLimited) {
            return 429;
        }
        if (failure instanceof ProviderFailure.ServerError server) {
            return server.status() == 503 || server.status() == 504 ? server.status() : 502;
        }
        if (failure instanceof ProviderFailure.Rejected rejected) {
            return rejected.callerAtFault() ? 400 : 502;
        }
        return 502;
    }
}
