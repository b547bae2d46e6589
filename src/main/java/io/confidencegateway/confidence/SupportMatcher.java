package io.confidencegateway.confidence;

import io.confidencegateway.chat.Passage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.Quantity;
import io.confidencegateway.confidence.text.Words;

/**
 * Finds, for one answer sentence, the passage window (a sentence with its neighbours) that covers most of its
 * content words, then checks that window for the claim's names, quantities, negation and antonyms. Lexical on
 * purpose: embeddings would only say the window is on topic, which a swapped number or name still is.
 */
public final class SupportMatcher {

    private static final double ABSENT = 0.35;
    // Paraphrase is legitimate: half of a sentence's content words near each other in a passage already counts as
    // full coverage, so only sentences with little anchor in the passages lose support for wording alone.
    private static final double FULL_COVERAGE = 0.5;
    private static final double NEGATION = 0.4;
    private static final double ANTONYM = 0.4;
    private static final Set<String> CLAUSE_BREAKS = Set.of("and", "but", "or", "while", "whereas", "although",
            "though", "because", "which", "who", "that");

    private SupportMatcher() {
    }

    /** The best window over all passages, or only over the passage at {@code onlyPosition} when not null. */
    public static SupportMatch best(AnalyzedSentence claim, List<Passage> passages, List<AnalyzedText> texts,
            Integer onlyPosition) {
        int bestPassage = -1;
        int bestSentence = -1;
        double bestCoverage = -1;
        double bestCenter = -1;
        boolean bestAgrees = false;
        for (int p = 0; p < texts.size(); p++) {
            if (onlyPosition != null && onlyPosition != p) {
                continue;
            }
            List<AnalyzedSentence> sentences = texts.get(p).sentences();
            for (int s = 0; s < sentences.size(); s++) {
                double coverage = coverage(claim.contentStems(), window(sentences, s));
                // Windows overlap, so several can cover a claim equally; the one whose own sentence covers it
                // best, and then the one that agrees with its negation, is the sentence the claim quotes.
                double center = coverage(claim.contentStems(), List.of(sentences.get(s)));
                boolean agrees = sentences.get(s).negated() == claim.negated();
                if (coverage > bestCoverage || coverage == bestCoverage && (center > bestCenter
                        || center == bestCenter && agrees && !bestAgrees)) {
                    bestCoverage = coverage;
                    bestCenter = center;
                    bestAgrees = agrees;
                    bestPassage = p;
                    bestSentence = s;
                }
            }
        }
        if (bestPassage < 0) {
            return new SupportMatch(claim.index(), -1, -1, 0, claim.names(),
                    claim.quantities().stream().map(Quantity::text).toList(), 0, false, List.of(), 0);
        }
        return judge(claim, passages, texts, bestPassage, bestSentence, bestCoverage);
    }

    private static SupportMatch judge(AnalyzedSentence claim, List<Passage> passages, List<AnalyzedText> texts,
            int p, int s, double coverage) {
        List<AnalyzedSentence> sentences = texts.get(p).sentences();
        Set<String> windowTokens = new HashSet<>();
        Set<String> windowStems = new HashSet<>();
        List<Quantity> windowQuantities = new ArrayList<>();
        for (int i = Math.max(0, s - 1); i <= Math.min(sentences.size() - 1, s + 1); i++) {
            for (String token : sentences.get(i).tokens()) {
                windowTokens.add(token);
                windowTokens.add(Words.stem(token));
            }
            windowStems.addAll(sentences.get(i).contentStems());
            windowQuantities.addAll(sentences.get(i).quantities());
        }
        List<String> absentNames = new ArrayList<>();
        List<String> absentQuantities = new ArrayList<>();
        int displaced = 0;
        for (String name : claim.names()) {
            if (!Words.nameIn(name, windowTokens)) {
                if (texts.stream().anyMatch(t -> Words.nameIn(name, t.tokenSet()))) {
                    displaced++;
                } else {
                    absentNames.add(name);
                }
            }
        }
        for (Quantity q : claim.quantities()) {
            if (windowQuantities.stream().noneMatch(q::matches)) {
                if (texts.stream().anyMatch(t -> t.mentions(q))) {
                    displaced++;
                } else {
                    absentQuantities.add(q.text());
                }
            }
        }
        // A negated claim against a plain passage sentence is a mismatch even when paraphrased; otherwise the
        // negation must govern the same words on one side and not on the other.
        AnalyzedSentence center = sentences.get(s);
        boolean negationMismatch = claim.negated() && !center.negated() || negatesPlain(claim, center)
                || negatesPlain(center, claim);
        List<String> antonyms = new ArrayList<>();
        for (String stem : claim.contentStems()) {
            if (windowTokens.contains(stem)) {
                continue;
            }
            if (Words.antonymsOf(stem).stream().anyMatch(windowTokens::contains)
                    || windowStems.stream().anyMatch(w -> Words.prefixNegates(stem, w))) {
                antonyms.add(stem);
            }
        }
        // Names or numbers found only elsewhere are reported but not penalised: summaries legitimately combine
        // facts from several places, and on the dev set the penalty hurt more than it helped.
        double score = Math.min(1, coverage / FULL_COVERAGE) * Math.pow(ABSENT, absentNames.size()
                + absentQuantities.size()) * (negationMismatch ? NEGATION : 1) * Math.pow(ANTONYM, antonyms.size());
        return new SupportMatch(claim.index(), passages.get(p).index(), s, coverage, List.copyOf(absentNames),
                List.copyOf(absentQuantities), displaced, negationMismatch, List.copyOf(antonyms), score);
    }

    /**
     * True when {@code negating} negates what {@code plain} states without negation: most of the few content words
     * a negation governs in one recur in the other, and none of them is negated there. "Found no evidence" governs
     * "found" too, so it agrees with "did not find any evidence".
     */
    private static boolean negatesPlain(AnalyzedSentence negating, AnalyzedSentence plain) {
        if (!negating.negated()) {
            return false;
        }
        Set<String> plainStems = plain.stemSet();
        Set<String> plainNegated = negatedStems(plain.tokens());
        List<String> tokens = negating.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            if (!Words.isNegation(tokens.get(i))) {
                continue;
            }
            List<String> scope = scope(tokens, i);
            int shared = 0;
            boolean negatedThere = false;
            for (String stem : scope) {
                if (plainStems.contains(stem)) {
                    shared++;
                    negatedThere |= plainNegated.contains(stem);
                }
            }
            if (!scope.isEmpty() && shared * 3 >= scope.size() * 2 && !negatedThere) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> negatedStems(List<String> tokens) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (Words.isNegation(tokens.get(i))) {
                out.addAll(scope(tokens, i));
            }
        }
        return out;
    }

    /**
     * Stems of the up to three content words a negation at {@code i} governs, within its clause, and the verb before
     * a bare "no".
     */
    private static List<String> scope(List<String> tokens, int i) {
        List<String> out = new ArrayList<>();
        String cue = tokens.get(i);
        if (i > 0 && ("no".equals(cue) || "nothing".equals(cue) || "none".equals(cue))
                && Words.isContent(tokens.get(i - 1))) {
            out.add(Words.stem(tokens.get(i - 1)));
        }
        for (int j = i + 1; j < tokens.size() && out.size() < 4; j++) {
            if (Words.isNegation(tokens.get(j)) || CLAUSE_BREAKS.contains(tokens.get(j))) {
                break;
            }
            if (Words.isContent(tokens.get(j))) {
                out.add(Words.stem(tokens.get(j)));
                if (out.size() >= 3 && !("no".equals(cue) || "nothing".equals(cue) || "none".equals(cue))) {
                    break;
                }
            }
        }
        return out;
    }

    private static List<AnalyzedSentence> window(List<AnalyzedSentence> sentences, int s) {
        return sentences.subList(Math.max(0, s - 1), Math.min(sentences.size(), s + 2));
    }

    private static double coverage(List<String> stems, List<AnalyzedSentence> window) {
        if (stems.isEmpty()) {
            return 1;
        }
        int found = 0;
        for (String stem : stems) {
            for (AnalyzedSentence sentence : window) {
                if (sentence.terms().contains(stem)) {
                    found++;
                    break;
                }
            }
        }
        return (double) found / stems.size();
    }
}
