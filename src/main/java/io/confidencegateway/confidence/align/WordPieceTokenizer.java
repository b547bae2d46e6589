package io.confidencegateway.confidence.align;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * BERT's uncased WordPiece tokenizer (what the model's {@code tokenizer.json} declares: BertNormalizer with lower
 * case and accents stripped, BertPreTokenizer, WordPiece with "##" continuations), in plain Java over the model's
 * vocabulary, keeping each piece's characters in the original text. Not DJL's native tokenizer: its library can be
 * loaded by one class loader per JVM only, and the test JVM runs the application's class loader (Quarkus tests)
 * beside the plain one (unit tests and the evaluation tool), so the second to load it fails.
 */
public final class WordPieceTokenizer {

    /** Words longer than this become [UNK], as in BERT. */
    static final int MAX_WORD_CHARS = 100;

    private final Map<String, Integer> vocabulary;
    private final int unknown;
    final int cls;
    final int sep;

    WordPieceTokenizer(Map<String, Integer> vocabulary) {
        this.vocabulary = Map.copyOf(vocabulary);
        this.unknown = id("[UNK]");
        this.cls = id("[CLS]");
        this.sep = id("[SEP]");
    }

    /** The tokenizer of a HuggingFace {@code tokenizer.json} with a WordPiece model. */
    static WordPieceTokenizer read(InputStream json) throws IOException {
        JsonNode vocab = new ObjectMapper().readTree(json).path("model").path("vocab");
        Map<String, Integer> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asInt());
        }
        if (out.isEmpty()) {
            throw new IOException("tokenizer.json has no WordPiece vocabulary");
        }
        return new WordPieceTokenizer(out);
    }

    private int id(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalStateException("the vocabulary lacks " + token);
        }
        return id;
    }

    /** The pieces of a text, without [CLS] and [SEP]. */
    public record Pieces(List<String> tokens, int[] ids, int[] starts, int[] ends) {
        public int size() {
            return tokens.size();
        }
    }

    public Pieces tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        // A word under construction: its normalised characters and, for each, the original span it came from.
        StringBuilder word = new StringBuilder();
        List<int[]> origin = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                i = next;
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                flush(word, origin, tokens, ids, spans);
            } else if (isPunctuation(cp) || isCjk(cp)) {
                flush(word, origin, tokens, ids, spans);
                append(word, origin, text.substring(i, next), i, next);
                flush(word, origin, tokens, ids, spans);
            } else {
                append(word, origin, text.substring(i, next), i, next);
            }
            i = next;
        }
        flush(word, origin, tokens, ids, spans);
        int n = tokens.size();
        int[] idArray = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int k = 0; k < n; k++) {
            idArray[k] = ids.get(k);
            starts[k] = spans.get(k)[0];
            ends[k] = spans.get(k)[1];
        }
        return new Pieces(List.copyOf(tokens), idArray, starts, ends);
    }

    /** Lower case, accents stripped (NFD without combining marks), each resulting char mapped to its origin. */
    private static void append(StringBuilder word, List<int[]> origin, String original, int start, int end) {
        String lower = original.toLowerCase(Locale.ROOT);
        String stripped = Normalizer.normalize(lower, Normalizer.Form.NFD);
        for (int k = 0; k < stripped.length(); k++) {
            char c = stripped.charAt(k);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                word.append(c);
                origin.add(new int[] {start, end});
            }
        }
    }

    private void flush(StringBuilder word, List<int[]> origin, List<String> tokens, List<Integer> ids,
            List<int[]> spans) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString();
        int wordStart = origin.get(0)[0];
        int wordEnd = origin.get(origin.size() - 1)[1];
        if (w.length() > MAX_WORD_CHARS) {
            tokens.add("[UNK]");
            ids.add(unknown);
            spans.add(new int[] {wordStart, wordEnd});
        } else {
            List<String> pieces = new ArrayList<>();
            List<int[]> pieceSpans = new ArrayList<>();
            List<Integer> pieceIds = new ArrayList<>();
            int start = 0;
            boolean unknownWord = false;
            while (start < w.length()) {
                int end = w.length();
                String found = null;
                Integer foundId = null;
                while (start < end) {
                    String candidate = (start > 0 ? "##" : "") + w.substring(start, end);
                    Integer id = vocabulary.get(candidate);
                    if (id != null) {
                        found = candidate;
                        foundId = id;
                        break;
                    }
                    end--;
                }
                if (found == null) {
                    unknownWord = true;
                    break;
                }
                pieces.add(found);
                pieceIds.add(foundId);
                pieceSpans.add(new int[] {origin.get(start)[0], origin.get(end - 1)[1]});
                start = end;
            }
            if (unknownWord) {
                tokens.add("[UNK]");
                ids.add(unknown);
                spans.add(new int[] {wordStart, wordEnd});
            } else {
                tokens.addAll(pieces);
                ids.addAll(pieceIds);
                spans.addAll(pieceSpans);
            }
        }
        word.setLength(0);
        origin.clear();
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    /** BERT's punctuation: every non-alphanumeric ASCII symbol and every Unicode punctuation character. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
