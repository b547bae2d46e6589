package io.confidencegateway.confidence.align;

import io.confidencegateway.chat.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

import io.confidencegateway.confidence.text.Words;

/**
 * BERTScore-style alignment of an answer with its passages: every content word piece of the answer is matched to
 * its most similar passage token (cosine of contextual vectors), and each answer sentence gets the IDF-weighted
 * mean of its pieces' best cosines (its precision). A content word whose pieces match nothing closely (weighted
 * mean best cosine below the close-match threshold) is unmatched; runs of unmatched words, with only function
 * words between them, are reported as spans ("for an hour"). Pure: vectors in, numbers out.
 */
public final class TokenAlignment {

    /**
     * Words that carry no claim about the world, so a missing match says nothing about grounding: words about the
     * passages themselves ("based on the given passages"), discourse markers and an assistant's courtesies ("Sure",
     * "Therefore", "Please note", "I hope this helps"), and the refusal's own words ("unable to determine").
     * General English of chat answers, listed by hand.
     */
    static final Set<String> META = Set.of(
            "passage", "passages", "context", "provided", "provide", "provides", "given", "based", "according",
            "mentioned", "mention", "mentions", "states", "stated", "state", "information", "answer", "answers",
            "question", "questions", "text", "source", "sources", "details", "specific", "specifically",
            "sure", "certainly", "therefore", "thus", "hence", "however", "additionally", "furthermore", "moreover",
            "overall", "summary", "conclusion", "instance", "example", "note", "please", "hope", "helps", "important",
            "well", "etc", "also", "following", "here", "like", "unable", "able", "determine", "cannot",
            "possible", "directly", "explicitly", "clear", "clearly", "brief", "briefly", "hand");

    private TokenAlignment() {
    }

    /** One answer word: its characters in the answer text, sentence, whether it carries content, and its match. */
    public record Word(int sentence, int start, int end, String text, boolean content, double best) {
    }

    /** One sentence: its precision (absent when it has no content word), its content words and unmatched spans. */
    public record Sentence(int index, double precision, int contentWords, int unmatchedWords, List<String> unmatched) {
        public boolean hasContent() {
            return contentWords > 0;
        }
    }

    /** The alignment of a whole answer. */
    public record Result(List<Sentence> sentences, List<Word> words, int contentWords, int unmatchedWords) {

        /** Sentences with at least one content word (the others have no precision). */
        public List<Sentence> scored() {
            return sentences.stream().filter(Sentence::hasContent).toList();
        }
    }

    /**
     * Aligns {@code answer} (the answer's sentences joined, sentence {@code k} starting at character
     * {@code sentenceStarts[k]}) with the passages' tokens.
     */
    public static Result align(TokenVectors answer, int[] sentenceStarts, List<TokenVectors> passages,
            IntToDoubleFunction weights, double closeMatch) {
        return summarize(answer, bestMatches(answer, passages), sentenceStarts, weights, closeMatch);
    }

    /** For each answer piece, its best cosine with a passage token; 0 for pieces that are not content. */
    public static double[] bestMatches(TokenVectors answer, List<TokenVectors> passages) {
        boolean[] content = contentPieces(answer);
        double[] best = new double[answer.size()];
        List<int[]> candidates = passages.stream().map(TokenAlignment::candidates).toList();
        for (int i = 0; i < best.length; i++) {
            if (content[i]) {
                best[i] = bestMatch(answer, i, passages, candidates);
            }
        }
        return best;
    }

    /** Sentence precisions, unmatched words and spans from the pieces' best matches. */
    public static Result summarize(TokenVectors answer, double[] best, int[] sentenceStarts,
            IntToDoubleFunction weights, double closeMatch) {
        boolean[] content = contentPieces(answer);
        List<int[]> wordPieces = words(answer);
        int sentences = sentenceStarts.length;
        double[] weighted = new double[sentences];
        double[] weightSum = new double[sentences];
        int[] contentWords = new int[sentences];
        int[] unmatchedWords = new int[sentences];
        List<List<String>> spans = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            spans.add(new ArrayList<>());
        }
        List<Word> words = new ArrayList<>(wordPieces.size());
        int spanStart = -1;
        int spanEnd = -1;
        int spanSentence = -1;
        for (int[] w : wordPieces) {
            int start = answer.starts()[w[0]];
            int end = answer.ends()[w[1] - 1];
            int sentence = sentenceOf(start, sentenceStarts);
            double wordWeight = 0;
            double wordScore = 0;
            for (int i = w[0]; i < w[1]; i++) {
                if (content[i]) {
                    double weight = weights.applyAsDouble(answer.ids()[i]);
                    weighted[sentence] += weight * best[i];
                    weightSum[sentence] += weight;
                    wordWeight += weight;
                    wordScore += weight * best[i];
                }
            }
            boolean isContent = wordWeight > 0;
            double score = isContent ? wordScore / wordWeight : 1;
            words.add(new Word(sentence, start, end, answer.text().substring(start, end), isContent, score));
            if (!isContent) {
                continue;
            }
            contentWords[sentence]++;
            boolean unmatched = score < closeMatch;
            if (unmatched) {
                unmatchedWords[sentence]++;
                if (spanStart >= 0 && spanSentence == sentence) {
                    spanEnd = end;
                } else {
                    addSpan(spans, answer, spanSentence, spanStart, spanEnd);
                    spanStart = start;
                    spanEnd = end;
                    spanSentence = sentence;
                }
            } else {
                addSpan(spans, answer, spanSentence, spanStart, spanEnd);
                spanStart = -1;
            }
        }
        addSpan(spans, answer, spanSentence, spanStart, spanEnd);
        List<Sentence> out = new ArrayList<>(sentences);
        int totalContent = 0;
        int totalUnmatched = 0;
        for (int s = 0; s < sentences; s++) {
            double precision = weightSum[s] == 0 ? 0 : Math.max(0, Math.min(1, weighted[s] / weightSum[s]));
            out.add(new Sentence(s, precision, contentWords[s], unmatchedWords[s], List.copyOf(spans.get(s))));
            totalContent += contentWords[s];
            totalUnmatched += unmatchedWords[s];
        }
        return new Result(List.copyOf(out), List.copyOf(words), totalContent, totalUnmatched);
    }

    private static boolean[] contentPieces(TokenVectors answer) {
        boolean[] content = new boolean[answer.size()];
        for (int[] w : words(answer)) {
            boolean isContent = isContent(wordText(answer, w));
            for (int i = w[0]; i < w[1]; i++) {
                content[i] = isContent && hasLetterOrDigit(answer.tokens().get(i));
            }
        }
        return content;
    }

    private static void addSpan(List<List<String>> spans, TokenVectors answer, int sentence, int start, int end) {
        if (start >= 0) {
            spans.get(sentence).add(answer.text().substring(start, end));
        }
    }

    /** The best cosine of answer piece {@code i} with any word-like token of any passage. */
    private static double bestMatch(TokenVectors answer, int i, List<TokenVectors> passages,
            List<int[]> candidates) {
        float[] a = answer.vector(i);
        double best = 0;
        for (int p = 0; p < passages.size(); p++) {
            TokenVectors passage = passages.get(p);
            for (int j : candidates.get(p)) {
                best = Math.max(best, passage.dot(j, a, 0));
            }
        }
        return best;
    }

    /** Passage tokens worth matching: those with a letter or digit (punctuation aligns with anything). */
    private static int[] candidates(TokenVectors passage) {
        int[] out = new int[passage.size()];
        int n = 0;
        for (int j = 0; j < passage.size(); j++) {
            if (hasLetterOrDigit(passage.tokens().get(j))) {
                out[n++] = j;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Piece ranges {@code [first, end)} of whole words: a piece starting with "##" continues the word before. */
    static List<int[]> words(TokenVectors text) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            if (!out.isEmpty() && text.tokens().get(i).startsWith("##")) {
                out.get(out.size() - 1)[1] = i + 1;
            } else {
                out.add(new int[] {i, i + 1});
            }
        }
        return out;
    }

    private static String wordText(TokenVectors text, int[] w) {
        return text.text().substring(text.starts()[w[0]], text.ends()[w[1] - 1]).toLowerCase(Locale.ROOT);
    }

    /** Content words carry the claim: not function words, not words about the passages themselves. */
    static boolean isContent(String lowerCaseWord) {
        return hasLetterOrDigit(lowerCaseWord) && !Words.isStop(lowerCaseWord) && !Words.isNegation(lowerCaseWord)
                && !META.contains(lowerCaseWord);
    }

    private static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int sentenceOf(int charIndex, int[] sentenceStarts) {
        int s = 0;
        while (s + 1 < sentenceStarts.length && sentenceStarts[s + 1] <= charIndex) {
            s++;
        }
        return s;
    }
}
