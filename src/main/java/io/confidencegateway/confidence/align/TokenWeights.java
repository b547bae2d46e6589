package io.confidencegateway.confidence.align;

/**
 * How much an answer word piece counts in the alignment, by how rare it is in general English: an IDF from a
 * general frequency list, not from any text we score or train on. The list is the model's own WordPiece
 * vocabulary: after the special tokens and single characters (ids below {@link #FIRST_WORD}), BERT's uncased
 * vocabulary lists its pieces by descending frequency in the corpus it was built from ("the", "of", "and", "in",
 * "to", …), so with Zipf's law a piece's frequency is about proportional to 1/rank and its IDF to log(rank).
 * Weights are scaled into (0, 1]; single characters (a lone digit or letter) get a middle weight.
 */
public final class TokenWeights {

    /** Id of "the", the most frequent whole piece; lower ids are [PAD], [unused…], [CLS], [SEP] and characters. */
    static final int FIRST_WORD = 1996;
    /** Size of the vocabulary. */
    static final int VOCABULARY = 30_522;
    static final double CHARACTER = 0.5;

    private static final double MAX = Math.log(VOCABULARY - FIRST_WORD + 1);

    private TokenWeights() {
    }

    /** The weight of vocabulary id {@code id}: near 0 for "the", 1 for the rarest piece. */
    public static double of(int id) {
        if (id < FIRST_WORD) {
            return CHARACTER;
        }
        int rank = Math.min(id, VOCABULARY - 1) - FIRST_WORD + 1;
        return Math.max(0.05, Math.log(rank + 1) / MAX);
    }
}
