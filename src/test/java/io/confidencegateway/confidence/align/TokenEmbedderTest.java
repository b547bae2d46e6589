package io.confidencegateway.confidence.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenEmbedderTest {

    @ParameterizedTest
    @CsvSource({"1, 254, 64", "253, 254, 64", "254, 254, 64", "255, 254, 64", "444, 254, 64", "445, 254, 64",
            "1000, 254, 64", "37, 16, 4", "16, 16, 0", "33, 16, 0"})
    void keptRangesTileTheTextAndEveryKeptPieceHasContextOnBothSides(int n, int size, int overlap) {
        List<TokenEmbedder.Window> windows = TokenEmbedder.windows(n, size, overlap);

        int next = 0;
        for (TokenEmbedder.Window w : windows) {
            assertThat(w.end() - w.start()).isLessThanOrEqualTo(size);
            assertThat(w.keepFrom()).isEqualTo(next);
            assertThat(w.keepFrom()).isGreaterThanOrEqualTo(w.start());
            assertThat(w.keepTo()).isLessThanOrEqualTo(w.end()).isGreaterThan(w.keepFrom());
            if (w.keepFrom() > 0) {
                assertThat(w.keepFrom() - w.start()).isGreaterThanOrEqualTo(overlap / 2);
            }
            if (w.keepTo() < n) {
                assertThat(w.end() - w.keepTo()).isGreaterThanOrEqualTo(overlap / 2);
            }
            next = w.keepTo();
        }
        assertThat(next).isEqualTo(n);
        assertThat(windows).hasSize(n <= size ? 1 : (int) Math.ceil((double) (n - overlap) / (size - overlap)));
    }

    @Test
    void anEmptyTextHasNoWindows() {
        assertThat(TokenEmbedder.windows(0, 254, 64)).isEmpty();
    }

    @Test
    void aBadWindowIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new TokenEmbedder(16, 16));
    }

    @Test
    void tokensMapBackToTheirWordsInTheTextAndVectorsHaveUnitLength() {
        String text = "Refunds are paid within thirty days, by the Hayward office.";

        TokenVectors v = TokenEmbedder.shared().embed(text);

        assertThat(v.tokens()).startsWith("ref", "##unds", "are", "paid").contains(",", "hayward", ".");
        for (int i = 0; i < v.size(); i++) {
            String piece = v.tokens().get(i).replace("##", "");
            assertThat(text.substring(v.starts()[i], v.ends()[i]).toLowerCase(Locale.ROOT)).isEqualTo(piece);
            assertThat(v.dot(i, v.vector(i), 0)).isCloseTo(1f, within(1e-4f));
        }
    }

    @Test
    void aPassageLongerThanTheModelTakesGetsAVectorForEveryPieceNotOnlyTheFirstWindow() {
        // About 600 pieces: past the 128 the tokenizer file truncates at, and past the 256 of one window.
        String text = "The refund window is thirty days for every annual plan sold in Hayward. ".repeat(40)
                + "Lifetime plans are never refunded.";

        TokenVectors v = TokenEmbedder.shared().embed(text);

        assertThat(v.size()).isGreaterThan(2 * TokenEmbedder.WINDOW);
        assertThat(v.ends()[v.size() - 1]).isEqualTo(text.length());
        assertThat(v.tokens().subList(v.size() - 5, v.size())).containsExactly("never", "ref", "##und", "##ed", ".")
                .hasSize(5);
        for (int i = 0; i < v.size(); i++) {
            assertThat(v.dot(i, v.vector(i), 0)).as("token %d has a vector", i).isCloseTo(1f, within(1e-4f));
        }
    }

    @Test
    void aTokenKeepsItsOwnVectorInEveryWindowNotItsNeighbours() {
        String text = "Annual plans are refunded in full within thirty days of purchase, while monthly plans are "
                + "refunded for the current month only, and lifetime plans are never refunded at all.";
        TokenVectors whole = TokenEmbedder.shared().embed(text);

        TokenVectors windowed = new TokenEmbedder(16, 8).embed(text);

        // With 4 pieces of context on each side a vector changes, but it stays closer to the token's own vector from
        // the whole text than to its neighbours' (a kept range shifted by one position would swap them).
        assertThat(whole.size()).isGreaterThan(2 * 16);
        assertThat(windowed.tokens()).isEqualTo(whole.tokens());
        int own = 0;
        for (int i = 1; i + 1 < whole.size(); i++) {
            float mine = whole.dot(i, windowed.vector(i), 0);
            if (mine > whole.dot(i, windowed.vector(i - 1), 0) && mine > whole.dot(i, windowed.vector(i + 1), 0)) {
                own++;
            }
        }
        assertThat(own).isGreaterThanOrEqualTo((int) (0.9 * (whole.size() - 2)));
    }
}
