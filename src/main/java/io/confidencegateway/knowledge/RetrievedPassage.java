package io.confidencegateway.knowledge;

import io.confidencegateway.chat.Passage;

/**
 * A passage of a product's knowledge base found for a question.
 *
 * @param id the passage id
 * @param documentId the document it belongs to
 * @param source the document's source name (its upload file name), as citations show it
 * @param page the 1-based page for paged documents (PDF), else null
 * @param charStart start of the passage in the document's extracted text
 * @param charEnd end (exclusive) of the passage in the document's extracted text
 * @param text the passage text
 * @param score the fused retrieval score (higher is better; comparable within one retrieval only)
 * @param lexicalRank 1-based rank in the keyword (BM25) results, or 0 when not among them
 * @param vectorSimilarity cosine similarity of question and passage embeddings, in [-1, 1]
 */
public record RetrievedPassage(String id, String documentId, String source, Integer page, int charStart,
        int charEnd, String text, double score, int lexicalRank, double vectorSimilarity) {

    /**
     * The hit as the passage an answer rests on, cited as {@code [index]}: from here on (prompt, provider, scoring,
     * citations, review) a passage has that one shape; the retrieval diagnostics stay here.
     */
    public Passage numbered(int index) {
        return new Passage(index, source, page, text);
    }
}
