package io.confidencegateway.provider.http;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.provider.Capability;
import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProviderFailure;
import io.confidencegateway.provider.ProviderSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * What every provider that calls a vendor over HTTP shares: its name and capabilities, the one URL it posts to, the
 * headers of a whole answer and of a stream, reading a reply that must be a JSON object, and the failures a
 * vendor's broken reply becomes. A vendor adapter adds only its translation (the body it sends, how it reads the
 * answer and each streamed line).
 */
public abstract class HttpChatProvider implements ChatProvider {

    protected final ProviderSettings settings;
    protected final UpstreamClient http;
    protected final ObjectMapper json;
    protected final String url;
    protected final Map<String, String> jsonHeaders;
    protected final Map<String, String> streamHeaders;
    private final Set<Capability> capabilities;

    /**
     * @param url the endpoint every call posts to
     * @param vendorHeaders the vendor's own headers (credentials, API version) sent on every call
     * @param streamType the {@code Accept} of a streamed answer ({@code text/event-stream}, NDJSON…)
     */
    protected HttpChatProvider(ProviderSettings settings, UpstreamClient http, ObjectMapper json,
            Set<Capability> capabilities, String url, Map<String, String> vendorHeaders, String streamType) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.capabilities = capabilities;
        this.url = url;
        var common = new HashMap<>(vendorHeaders);
        common.put("Content-Type", "application/json");
        this.jsonHeaders = UpstreamClient.accepting(common, "application/json");
        this.streamHeaders = UpstreamClient.accepting(common, streamType);
    }

    @Override
    public String id() {
        return settings.name();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** Posts the body for a whole answer and reads the reply, which must be one JSON object. */
    protected Uni<JsonNode> postForObject(Buffer body, String notJson, String notAnObject) {
        return http.post(url, jsonHeaders, body).map(reply -> {
            JsonNode root;
            try {
                root = json.readTree(reply.getBytes());
            } catch (IOException unreadable) {
                throw malformed(notJson);
            }
            if (root == null || !root.isObject()) {
                throw malformed(notAnObject);
            }
            return root;
        });
    }

    /** The last chunks of a stream, then a {@code StreamInterrupted} failure unless the vendor ended it properly. */
    protected Multi<ChatChunk> finish(List<ChatChunk> last, boolean ended, String missingEnd) {
        Multi<ChatChunk> rest = Multi.createFrom().iterable(last);
        return ended ? rest : Multi.createBy().concatenating().streams(rest,
                Multi.createFrom().failure(interrupted(missingEnd)));
    }

    protected ProviderException malformed(String detail) {
        return new ProviderException(new ProviderFailure.MalformedResponse(id(), detail));
    }

    protected ProviderException interrupted(String detail) {
        return new ProviderException(new ProviderFailure.StreamInterrupted(id(), detail));
    }
}
