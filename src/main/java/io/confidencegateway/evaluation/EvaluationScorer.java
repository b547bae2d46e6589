package io.confidencegateway.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.answer.Citation;

/** How one golden question's answer did, and the figures over a run. Pure. */
final class EvaluationScorer {

    private EvaluationScorer() {
    }

    static Evaluation.QuestionResult score(GoldenQuestion golden, AiResponse response) {
        List<String> cited = response.citations().stream().map(Citation::source).distinct().toList();
        boolean hit = cited.stream().anyMatch(source -> golden.sources().stream()
                .anyMatch(wanted -> wanted.strip().equalsIgnoreCase(source)));
        Double cost = response.usage() == null ? null : response.usage().costUsd();
        boolean handedOff = response.handoff() != null;
        return new Evaluation.QuestionResult(golden.question(), response.content(), cited, hit,
                response.confidence(), handedOff, response.unsupportedClaims().size(),
                golden.reference() == null || golden.reference().isBlank() ? null
                        : overlap(response.content(), golden.reference()),
                cost, response.latencyMs(), null);
    }

    /** A question whose answer could not be had at all: a miss, handed off. */
    static Evaluation.QuestionResult failed(GoldenQuestion golden, String error) {
        return new Evaluation.QuestionResult(golden.question(), null, List.of(), false, 0, true, 0, null, null, 0,
                error);
    }

    static Evaluation.Summary summarize(List<Evaluation.QuestionResult> results) {
        int n = results.size();
        double hits = 0;
        double confidence = 0;
        double handoffs = 0;
        double unsupported = 0;
        double overlap = 0;
        int withReference = 0;
        double cost = 0;
        boolean anyCost = false;
        double latency = 0;
        for (Evaluation.QuestionResult r : results) {
            hits += r.citationHit() ? 1 : 0;
            confidence += r.confidence();
            handoffs += r.handedOff() ? 1 : 0;
            unsupported += r.unsupportedClaims() > 0 ? 1 : 0;
            if (r.referenceOverlap() != null) {
                withReference++;
                overlap += r.referenceOverlap();
            }
            if (r.costUsd() != null) {
                anyCost = true;
                cost += r.costUsd();
            }
            latency += r.latencyMs();
        }
        if (n == 0) {
            return new Evaluation.Summary(0, 0, 0, 0, null, null, 0);
        }
        return new Evaluation.Summary(hits / n, confidence / n, handoffs / n, unsupported / n,
                withReference == 0 ? null : overlap / withReference, anyCost ? cost : null, latency / n);
    }

    /** Word overlap F1 of an answer with a reference (lowercased words, citation markers ignored); 0-1. */
    static double overlap(String answer, String reference) {
        Map<String, Integer> a = words(answer);
        Map<String, Integer> b = words(reference);
        int sizeA = a.values().stream().mapToInt(Integer::intValue).sum();
        int sizeB = b.values().stream().mapToInt(Integer::intValue).sum();
        if (sizeA == 0 || sizeB == 0) {
            return 0;
        }
        int common = 0;
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            common += Math.min(e.getValue(), b.getOrDefault(e.getKey(), 0));
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / sizeA;
        double recall = (double) common / sizeB;
        return 2 * precision * recall / (precision + recall);
    }

    private static Map<String, Integer> words(String text) {
        Map<String, Integer> counts = new HashMap<>();
        if (text == null) {
            return counts;
        }
        for (String word : text.replaceAll("\\[\\d+]", " ").toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return counts;
    }
}
