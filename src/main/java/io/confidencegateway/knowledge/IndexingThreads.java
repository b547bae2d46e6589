package io.confidencegateway.knowledge;

import java.util.concurrent.Executor;

/**
 * Where documents are indexed: {@code documents} runs one document after the other, {@code embedding} takes the
 * slices of a page beyond the first (which the document's own thread embeds), and {@code count} is how many threads
 * a page is spread over. In the application these are Vert.x worker executors ({@link IndexingPools}).
 */
record IndexingThreads(Executor documents, Executor embedding, int count) {
}
