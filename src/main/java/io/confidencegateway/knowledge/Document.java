package io.confidencegateway.knowledge;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A document in a product's knowledge base, as the documents API shows it.
 *
 * @param id the document id
 * @param product the product whose knowledge base holds it
 * @param source its source name (the uploaded file name), as citations show it
 * @param status {@code indexing}, {@code ready} (answers cite it) or {@code failed}
 * @param contentType {@code text/plain}, {@code text/markdown} or {@code application/pdf}
 * @param pages its number of pages (PDF), else null
 * @param passages how many passages it was cut into
 * @param passagesIndexed how many of them are embedded so far (all of them once ready, none once failed)
 * @param sizeBytes size of the uploaded file
 * @param createdAt when it was added
 * @param error why indexing failed and what to do, when the status is {@code failed}; else null
 */
public record Document(UUID id, String product, String source,
        @Schema(enumeration = {"indexing", "ready", "failed"}, description = "indexing: stored, being embedded, not "
                + "cited yet; ready: searchable and cited; failed: see error") DocumentStatus status,
        @JsonProperty("content_type") String contentType, Integer pages, int passages,
        @Schema(description = "Passages embedded so far: all of them once ready, none once failed")
        @JsonProperty("passages_indexed") int passagesIndexed, @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("created_at") Instant createdAt,
        @Schema(description = "Why indexing failed and what to do; null unless status is failed", nullable = true)
        String error) {
}
