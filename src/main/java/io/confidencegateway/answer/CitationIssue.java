package io.confidencegateway.answer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A citation marker in an answer that points at no passage (e.g. {@code [7]} when five were given). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CitationIssue(String marker, int sentenceIndex, String reason) {
}
