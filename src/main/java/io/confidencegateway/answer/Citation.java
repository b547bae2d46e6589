package io.confidencegateway.answer;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A passage an answer cites as {@code [index]}: where it comes from and what it says. {@code support} is how well
 * the cited passage supports the sentences citing it (0–1), when the confidence scorer measured it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(int index, String source, Integer page, String text, Double support) {
}
