package io.confidencegateway.confidence.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.confidencegateway.knowledge.MiniLmSession;

/**
 * The pure-Java WordPiece tokenizer against the model's own vocabulary. On the 10,068 texts of the RAGTruth QA
 * training set (answers, contexts, questions: 1.64 M pieces) it gave the same ids and character spans as DJL's
 * HuggingFace tokenizer; these cases pin the rules that comparison exercised.
 */
class WordPieceTokenizerTest {

    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream json = MiniLmSession.tokenizer()) {
            tokenizer = WordPieceTokenizer.read(json);
        }
    }

    @Test
    void splitsUnknownWordsIntoContinuationPiecesAndPunctuationIntoTokensOfItsOwn() {
        WordPieceTokenizer.Pieces p = tokenizer.tokenize("Refunds: 30-day window!");

        assertThat(p.tokens()).containsExactly("ref", "##unds", ":", "30", "-", "day", "window", "!");
        assertThat(p.ids()[0]).isEqualTo(25416);
        assertThat(p.starts()).containsExactly(0, 3, 7, 9, 11, 12, 16, 22);
        assertThat(p.ends()).containsExactly(3, 7, 8, 11, 12, 15, 22, 23);
    }

    @Test
    void lowerCasesAndStripsAccentsButKeepsTheOriginalCharacters() {
        String text = "Café  Zürich";
        WordPieceTokenizer.Pieces p = tokenizer.tokenize(text);

        assertThat(p.tokens()).containsExactly("cafe", "zurich");
        assertThat(text.substring(p.starts()[0], p.ends()[0])).isEqualTo("Café");
        assertThat(text.substring(p.starts()[1], p.ends()[1])).isEqualTo("Zürich");
    }

    @Test
    void aWordOfMoreThanAHundredCharactersIsOneUnknownToken() {
        WordPieceTokenizer.Pieces exactly = tokenizer.tokenize("a".repeat(WordPieceTokenizer.MAX_WORD_CHARS));
        WordPieceTokenizer.Pieces longer = tokenizer.tokenize("a".repeat(WordPieceTokenizer.MAX_WORD_CHARS + 1));

        assertThat(exactly.tokens()).doesNotContain("[UNK]");
        assertThat(longer.tokens()).containsExactly("[UNK]");
        assertThat(longer.ends()[0]).isEqualTo(WordPieceTokenizer.MAX_WORD_CHARS + 1);
    }

    @Test
    void controlCharactersVanishAndEveryKindOfSpaceSeparates() {
        WordPieceTokenizer.Pieces p = tokenizer.tokenize("full\u0000\u200b refund\tnow\u00a0please");

        assertThat(p.tokens()).containsExactly("full", "ref", "##und", "now", "please");
    }

    @Test
    void anEmptyTextHasNoPieces() {
        assertThat(tokenizer.tokenize("").size()).isZero();
        assertThat(tokenizer.tokenize("   \n").size()).isZero();
    }

    @Test
    void knowsTheSpecialTokensOfTheModel() {
        assertThat(tokenizer.cls).isEqualTo(101);
        assertThat(tokenizer.sep).isEqualTo(102);
    }
}
