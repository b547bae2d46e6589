package io.confidencegateway.knowledge;

/**
 * A passage cut from a document, before it is embedded and stored.
 *
 * @param page the 1-based page it lies on (a passage never spans pages), or null for unpaged documents
 * @param start start of its span in the document's extracted text
 * @param end end (exclusive) of its span
 * @param text the span's text; a chunk that continues a markdown section carries the section's heading line and a
 *        blank line in front of it, so its text is {@code heading + "\n\n" + extracted.substring(start, end)}
 */
record Chunk(Integer page, int start, int end, String text) {
}
