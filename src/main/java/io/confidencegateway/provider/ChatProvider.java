package io.confidencegateway.provider;

import java.util.Set;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.ChatResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The narrow port every LLM provider adapter implements. Requests and answers are in the chat vocabulary
 * ({@link io.confidencegateway.chat}); an adapter translates them to its vendor's API and never blocks the
 * calling (event-loop) thread. Failures arrive as a {@link ProviderException} carrying a {@link ProviderFailure}.
 */
public interface ChatProvider {

    /** The configured name of this provider ({@code gateway.providers.<name>}). */
    String id();

    /** What this provider can honour; the gateway refuses a request that needs more before calling. */
    Set<Capability> capabilities();

    /**
     * Whether a call costs nothing because the provider runs inside the gateway (no vendor, no bill): its answers
     * are priced at $0.00. A remote provider without a configured price stays of unknown cost.
     */
    default boolean inProcess() {
        return false;
    }

    /**
     * One complete answer. {@code request.model()} is already the upstream model name. The answer's
     * {@code usage} is filled whenever the vendor reports it.
     */
    Uni<ChatResponse> chat(ChatRequest request);

    /**
     * The answer as chunks, emitted as the vendor sends them (never buffered whole). The last chunk carries
     * {@code usage} when the vendor reports it. Cancelling the subscription cancels the upstream request.
     */
    default Multi<ChatChunk> stream(ChatRequest request) {
        return Multi.createFrom().failure(new ProviderException(
                new ProviderFailure.Rejected(id(), 400, "provider '" + id() + "' does not stream")));
    }
}
