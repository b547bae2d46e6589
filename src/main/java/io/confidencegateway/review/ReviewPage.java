package io.confidencegateway.review;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One page of the review queue, pending items first and oldest first.
 *
 * @param page 1-based page number
 * @param size the page size asked for
 * @param total how many items match the filter over all pages
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReviewPage(List<ReviewItem> items, int page, int size, long total) {
}
