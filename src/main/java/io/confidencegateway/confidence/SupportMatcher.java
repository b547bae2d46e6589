package io.confidencegateway.confidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.Lexicon;
import io.confidencegateway.confidence.text.Quantity;
import io.confidencegateway.confidence.text.Words;

/**
 * Finds, for one answer sentence, the passage window (a sentence with its neighbours) that covers most of its
 * content words, then checks that window for the claim's names, quantities, negation and antonyms (a short
 * curated list, negating prefixes, and WordNet's opposites of the word's commonest senses). Lexical on purpose:
 * embeddings would only say the window is on topic, which a swapped number or name still is.
 */
public final class SupportMatcher {

    private static final double ABSENT = 0.35;
    // Paraphrase is legitimate: half of a sentence's content words near each other in a passage already counts as
    // full coverage, so only sentences with little anchor in the passages lose support for wording alone.
    private static final double FULL_COVERAGE = 0.5;
    private static final double NEGATION = 0.4;
    private static final double ANTONYM = 0.4;

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
        boolean windowNegated = false;
        for (int i = Math.max(0, s - 1); i <= Math.min(sentences.size() - 1, s + 1); i++) {
            for (String token : sentences.get(i).tokens()) {
                windowTokens.add(token);
                windowTokens.add(Words.stem(token));
            }
            windowStems.addAll(sentences.get(i).contentStems());
            windowQuantities.addAll(sentences.get(i).quantities());
            windowNegated |= sentences.get(i).negated();
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
        boolean negationMismatch = claim.negated() ? !sentences.get(s).negated() : negates(sentences.get(s), claim);
        List<String> antonyms = new ArrayList<>();
        Set<String> claimStems = claim.stemSet();
        for (String token : claim.contentTokens()) {
            String stem = Words.stem(token);
            if (windowTokens.contains(stem)) {
                continue;
            }
            // An opposite only counts if the claim does not also use it ("rose early, fell late").
            if (Words.antonymsOf(stem).stream().anyMatch(windowTokens::contains)
                    || windowStems.stream().anyMatch(w -> Words.prefixNegates(stem, w))
                    || Lexicon.antonyms(token).stream()
                            .anyMatch(a -> windowStems.contains(a) && !claimStems.contains(a))) {
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
     * True when the passage sentence negates something the claim states plainly: most of the few content words
     * after its negation recur in the claim. A negation elsewhere in the sentence ("covers defects but does not
     * cover accidental damage") says nothing about the claim's part.
     */
    private static boolean negates(AnalyzedSentence passage, AnalyzedSentence claim) {
        if (!passage.negated()) {
            return false;
        }
        List<String> tokens = passage.tokens();
        Set<String> claimStems = claim.stemSet();
        for (int i = 0; i < tokens.size(); i++) {
            if (!Words.isNegation(tokens.get(i))) {
                continue;
            }
            int scope = 0;
            int shared = 0;
            for (int j = i + 1; j < tokens.size() && scope < 3; j++) {
                if (!Words.isStop(tokens.get(j)) && !Words.isNegation(tokens.get(j))) {
                    scope++;
                    shared += claimStems.contains(Words.stem(tokens.get(j))) ? 1 : 0;
                }
            }
            if (scope > 0 && shared * 3 >= scope * 2) {
                return true;
            }
        }
        return false;
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
