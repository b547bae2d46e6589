package io.confidencegateway.answer;

/** A citation marker in an answer that points at no passage (e.g. {@code [7]} when five were given). */
public record CitationIssue(String marker, int sentenceIndex, String reason) {
}
