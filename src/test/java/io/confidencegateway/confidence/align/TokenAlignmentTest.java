package io.confidencegateway.confidence.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The alignment arithmetic on hand-made vectors (2 dimensions, so a token's cosine with another is chosen by its
 * angle): which words count, how precision is weighted, where "close" starts, how unmatched words become spans.
 */
class TokenAlignmentTest {

    /** A unit vector whose cosine with (1, 0) is {@code c}. */
    private static float[] at(double c) {
        return new float[] {(float) c, (float) Math.sqrt(Math.max(0, 1 - c * c))};
    }

    private static final float[] X = {1, 0};

    /** Tokens of {@code text} split at spaces ("##" glued to the word before), each with the given vector. */
    private static TokenVectors vectors(String text, List<float[]> perToken, int[] ids) {
        List<String> tokens = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        int pos = 0;
        for (String raw : text.split(" ")) {
            boolean continuation = raw.startsWith("##");
            String piece = continuation ? raw.substring(2) : raw;
            if (pos > 0 && !continuation) {
                pos++;
            }
            tokens.add(raw);
            spans.add(new int[] {pos, pos + piece.length()});
            pos += piece.length();
        }
        String plain = text.replace(" ##", "");
        int n = tokens.size();
        float[] flat = new float[n * 2];
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            flat[2 * i] = perToken.get(i)[0];
            flat[2 * i + 1] = perToken.get(i)[1];
            starts[i] = spans.get(i)[0];
            ends[i] = spans.get(i)[1];
        }
        return new TokenVectors(plain, tokens, ids == null ? new int[n] : ids, starts, ends, flat, 2);
    }

    private static TokenVectors passage() {
        return vectors("refunds take thirty days", List.of(X, X, X, X), null);
    }

    @Test
    void aCopiedSentenceHasPrecisionOneAndNoUnmatchedWord() {
        TokenVectors answer = vectors("refunds take thirty days", List.of(X, X, X, X), null);

        var result = TokenAlignment.align(answer, new int[] {0}, List.of(passage()), id -> 1, 0.55);

        assertThat(result.sentences().get(0).precision()).isCloseTo(1.0, within(1e-6));
        assertThat(result.contentWords()).isEqualTo(4);
        assertThat(result.unmatchedWords()).isZero();
        assertThat(result.sentences().get(0).unmatched()).isEmpty();
    }

    @Test
    void aWordExactlyAtTheThresholdMatchesAndOneJustBelowDoesNot() {
        TokenVectors answer = vectors("refunds gifts cards", List.of(X, at(0.55), at(0.5499)), null);

        var result = TokenAlignment.align(answer, new int[] {0}, List.of(passage()), id -> 1, 0.55);

        assertThat(result.unmatchedWords()).isEqualTo(1);
        assertThat(result.sentences().get(0).unmatched()).containsExactly("cards");
    }

    @Test
    void functionWordsAndWordsAboutThePassagesDoNotCount() {
        // "the", "of" are stop words; "based", "passages" talk about the passages; "not" is a negation (the lexical
        // signals judge it). All four are far from every passage token and still change nothing.
        float[] far = at(0.0);
        TokenVectors answer = vectors("based passages the refunds of not", List.of(far, far, far, X, far, far), null);

        var result = TokenAlignment.align(answer, new int[] {0}, List.of(passage()), id -> 1, 0.55);

        assertThat(result.contentWords()).isEqualTo(1);
        assertThat(result.unmatchedWords()).isZero();
        assertThat(result.sentences().get(0).precision()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void precisionIsTheWeightedMeanOfTheBestCosines() {
        // "refunds" matches at 1.0 with weight 1, "gifts" at 0.2 with weight 3: (1 + 0.6) / 4 = 0.4.
        TokenVectors answer = vectors("refunds gifts", List.of(X, at(0.2)), new int[] {7, 9});

        var result = TokenAlignment.align(answer, new int[] {0}, List.of(passage()), id -> id == 9 ? 3 : 1, 0.55);

        assertThat(result.sentences().get(0).precision()).isCloseTo(0.4, within(1e-6));
    }

    @Test
    void theBestMatchIsTakenOverAllPassages() {
        TokenVectors other = vectors("gifts", List.of(at(0.9)), null);
        TokenVectors answer = vectors("refunds gifts", List.of(X, X), null);

        var withOther = TokenAlignment.align(answer, new int[] {0}, List.of(passage(), other), id -> 1, 0.55);
        var alone = TokenAlignment.align(answer, new int[] {0}, List.of(vectors("x", List.of(at(0.3)), null)),
                id -> 1, 0.55);

        assertThat(withOther.sentences().get(0).precision()).isCloseTo(1.0, within(1e-6));
        assertThat(alone.sentences().get(0).precision()).isCloseTo(0.3, within(1e-6));
    }

    @Test
    void wordPiecesMakeOneWordWhoseScoreIsTheirWeightedMean() {
        // "gift ##card" is one word "giftcard": pieces at 0.9 and 0.1 average to 0.5, below 0.55.
        TokenVectors answer = vectors("refunds gift ##card", List.of(X, at(0.9), at(0.1)), null);

        var result = TokenAlignment.align(answer, new int[] {0}, List.of(passage()), id -> 1, 0.55);

        assertThat(result.contentWords()).isEqualTo(2);
        assertThat(result.sentences().get(0).unmatched()).containsExactly("giftcard");
    }

    @Test
    void unmatchedWordsJoinIntoOneSpanAcrossFunctionWordsButNotAcrossAMatchedWord() {
        float[] far = at(0.1);
        TokenVectors answer = vectors("refunds take free gifts for an hour refunds lottery",
                List.of(X, X, far, far, far, far, far, X, far), null);

        var result = TokenAlignment.align(answer, new int[] {0}, List.of(passage()), id -> 1, 0.55);

        assertThat(result.sentences().get(0).unmatched()).containsExactly("free gifts for an hour", "lottery");
        assertThat(result.unmatchedWords()).isEqualTo(4);
    }

    @Test
    void eachSentenceGetsItsOwnPrecisionAndSpansStopAtTheSentenceEnd() {
        float[] far = at(0.1);
        // Sentence 0 "refunds gifts" starts at 0, sentence 1 "lottery refunds" at 14.
        TokenVectors answer = vectors("refunds gifts lottery refunds", List.of(X, far, far, X), null);

        var result = TokenAlignment.align(answer, new int[] {0, 14}, List.of(passage()), id -> 1, 0.55);

        assertThat(result.sentences()).hasSize(2);
        assertThat(result.sentences().get(0).unmatched()).containsExactly("gifts");
        assertThat(result.sentences().get(1).unmatched()).containsExactly("lottery");
        assertThat(result.sentences().get(0).precision()).isCloseTo(0.55, within(1e-6));
        assertThat(result.sentences().get(1).index()).isEqualTo(1);
    }

    @Test
    void aSentenceWithoutContentWordsIsNotScored() {
        TokenVectors answer = vectors("refunds the", List.of(X, at(0.1)), null);

        var result = TokenAlignment.align(answer, new int[] {0, 8}, List.of(passage()), id -> 1, 0.55);

        assertThat(result.sentences().get(1).hasContent()).isFalse();
        assertThat(result.scored()).extracting(TokenAlignment.Sentence::index).containsExactly(0);
    }

    @Test
    void punctuationInAPassageIsNoMatchForAnything() {
        TokenVectors punctuation = vectors(". ,", List.of(X, X), null);
        TokenVectors answer = vectors("refunds", List.of(X), null);

        var result = TokenAlignment.align(answer, new int[] {0}, List.of(punctuation), id -> 1, 0.55);

        assertThat(result.sentences().get(0).precision()).isZero();
        assertThat(result.unmatchedWords()).isEqualTo(1);
    }
}
