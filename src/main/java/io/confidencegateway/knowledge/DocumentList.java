package io.confidencegateway.knowledge;

import java.util.List;

/** The documents of one product's knowledge base, newest first. */
public record DocumentList(List<Document> data) {
}
