package io.confidencegateway.inference;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.provider.Attempt;

/**
 * What the gateway keeps of one answer: who served it, how it went, what it cost in tokens and time.
 *
 * @param api the surface that was called ({@code chat_completions}, later {@code answers})
 * @param status {@code ok}, {@code error} (no answer), {@code interrupted} (a stream broke after it started) or
 *        {@code cancelled} (the client went away)
 * @param httpStatus the status the client was sent
 * @param usageEstimated whether the token counts were estimated because the upstream reported none
 * @param content the answer text as delivered (partial for an interrupted stream)
 * @param attempts every provider attempt (retries and failover included), in order
 * @param createdByKey the id of the API key that asked for it (null before keys were recorded, or when no key did);
 *        kept for the owner check on feedback, not shown
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InferenceRecord(UUID id, String api, String modelAlias, String provider, String upstreamModel,
        boolean streamed, String status, String errorKind, String errorMessage, int httpStatus, Integer promptTokens,
        Integer completionTokens, boolean usageEstimated, String finishReason, String content, long latencyMs,
        Long firstTokenMs, List<Attempt> attempts, Instant createdAt, Instant finishedAt,
        @JsonIgnore UUID createdByKey) {
}
