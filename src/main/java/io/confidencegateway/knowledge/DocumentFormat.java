package io.confidencegateway.knowledge;

/** The kinds of document a knowledge base accepts, with the media type each is stored and listed under. */
public enum DocumentFormat {
    TEXT("text/plain"),
    MARKDOWN("text/markdown"),
    PDF("application/pdf");

    private final String mediaType;

    DocumentFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
