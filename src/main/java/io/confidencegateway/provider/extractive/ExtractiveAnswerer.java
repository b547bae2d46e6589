package io.confidencegateway.provider.extractive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.chat.GroundingBlock;

/**
 * Answers a question with no model at all: picks the passage sentences that share the most informative words
 * with the question (idf-weighted overlap, a mild preference for better-ranked passages) and cites each one.
 * When no sentence shares an informative word with the question, it says the knowledge base has no answer.
 */
final class ExtractiveAnswerer {

    static final String NO_ANSWER = "I could not find the answer to this question in the knowledge base.";

    private static final int MAX_SENTENCES = 3;
    private static final double HEADING_WEIGHT = 0.75;
    private static final double KEEP_RATIO = 0.5;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\d\"'(])|\\n+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\d][\\p{L}\\d'’-]*");
    private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "and", "or", "but", "if", "of", "to", "in",
            "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "do",
            "does", "did", "can", "could", "will", "would", "should", "may", "might", "must", "shall", "i", "you",
            "he", "she", "it", "we", "they", "me", "my", "your", "our", "their", "its", "this", "that", "these",
            "those", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "there", "here", "not",
            "no", "so", "than", "then", "too", "very", "just", "about", "into", "over", "after", "before", "up",
            "down", "out", "any", "all", "some", "have", "has", "had", "get", "got", "s", "t");

    private record Sentence(int passage, int rank, int position, String text, Set<String> terms,
            Set<String> headingTerms) {
    }

    private record Scored(Sentence sentence, double score) {
    }

    /** The answer text, with a [n] citation after each sentence taken from passage n. */
    String answer(String question, List<Passage> passages) {
        Set<String> asked = terms(question);
        List<Sentence> sentences = sentences(passages);
        if (asked.isEmpty() || sentences.isEmpty()) {
            return NO_ANSWER;
        }
        Map<String, Double> idf = inverseDocumentFrequency(sentences);
        var scored = new ArrayList<Scored>();
        for (Sentence sentence : sentences) {
            double overlap = 0;
            for (String term : asked) {
                if (sentence.terms().contains(term)) {
                    overlap += idf.getOrDefault(term, 0.0);
                } else if (sentence.headingTerms().contains(term)) {
                    // The section heading ("Refund window") says what its sentences are about.
                    overlap += HEADING_WEIGHT * idf.getOrDefault(term, 0.0);
                }
            }
            if (overlap > 0) {
                double length = Math.max(6, sentence.terms().size());
                scored.add(new Scored(sentence, overlap / Math.sqrt(length) / (1 + 0.15 * sentence.rank())));
            }
        }
        if (scored.isEmpty()) {
            return NO_ANSWER;
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        double best = scored.get(0).score();
        var chosen = new ArrayList<Sentence>();
        for (Scored candidate : scored) {
            if (chosen.size() == MAX_SENTENCES || candidate.score() < best * KEEP_RATIO) {
                break;
            }
            if (chosen.stream().noneMatch(s -> redundant(s, candidate.sentence()))) {
                chosen.add(candidate.sentence());
            }
        }
        chosen.sort(Comparator.comparingInt(Sentence::rank).thenComparingInt(Sentence::position));
        var answer = new StringBuilder();
        for (Sentence sentence : chosen) {
            if (!answer.isEmpty()) {
                answer.append(' ');
            }
            String text = sentence.text().strip();
            answer.append(text);
            if (!text.endsWith(".") && !text.endsWith("!") && !text.endsWith("?")) {
                answer.append('.');
            }
            answer.append(" [").append(sentence.passage()).append(']');
        }
        return answer.toString();
    }

    private static List<Sentence> sentences(List<Passage> passages) {
        var sentences = new ArrayList<Sentence>();
        for (int rank = 0; rank < passages.size(); rank++) {
            Passage passage = passages.get(rank);
            int position = 0;
            Set<String> heading = Set.of();
            for (String raw : SENTENCE_END.split(passage.text())) {
                String text = raw.strip().replaceFirst("^[-*•]\\s+", "");
                if (isHeading(text)) {
                    heading = terms(text.replaceFirst("^#+\\s*", ""));
                    continue;
                }
                if (text.length() < 12) {
                    continue;
                }
                Set<String> terms = terms(text);
                if (terms.size() >= 2) {
                    sentences.add(new Sentence(passage.index(), rank, position++, text, terms, heading));
                }
            }
        }
        return sentences;
    }

    /** A markdown heading, or a short title line with no sentence punctuation (as PDFs give them). */
    private static boolean isHeading(String line) {
        if (line.startsWith("#")) {
            return true;
        }
        char last = line.isEmpty() ? '.' : line.charAt(line.length() - 1);
        return line.length() <= 60 && last != '.' && last != '!' && last != '?' && last != ':' && last != ';'
                && line.split("\\s+").length <= 8;
    }

    private static Map<String, Double> inverseDocumentFrequency(List<Sentence> sentences) {
        var documentFrequency = new HashMap<String, Integer>();
        sentences.forEach(s -> s.terms().forEach(t -> documentFrequency.merge(t, 1, Integer::sum)));
        var idf = new HashMap<String, Double>();
        int n = sentences.size();
        documentFrequency.forEach((term, df) -> idf.put(term, Math.log(1 + (n - df + 0.5) / (df + 0.5))));
        return idf;
    }

    private static boolean redundant(Sentence a, Sentence b) {
        var shared = new HashSet<>(a.terms());
        shared.retainAll(b.terms());
        return shared.size() >= 0.8 * Math.min(a.terms().size(), b.terms().size());
    }

    static Set<String> terms(String text) {
        var terms = new HashSet<String>();
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group().replace('’', '\'');
            if (!STOPWORDS.contains(word)) {
                terms.add(stem(word));
            }
        }
        return terms;
    }

    /** A light suffix stripper: enough to match "refunds"/"refund", "charged"/"charges", "billing"/"bill". */
    static String stem(String word) {
        String w = word;
        if (w.length() > 5 && w.endsWith("ing")) {
            w = w.substring(0, w.length() - 3);
        } else if (w.length() > 4 && (w.endsWith("ied") || w.endsWith("ies"))) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4 && w.endsWith("ed")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.length() > 3 && w.endsWith("e")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }
}
