package io.confidencegateway.knowledge;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a document is on its way from upload to searchable; stored and shown in lower case. */
public enum DocumentStatus {
    /** Stored; its passages are being embedded. Answers do not cite it yet. */
    INDEXING,
    /** Every passage embedded and in the search index; answers cite it. */
    READY,
    /** Indexing failed; the document's error says why. Nothing of it is searchable. */
    FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DocumentStatus of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
