package io.confidencegateway.verifier.entailment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.answer.CitationExtractor;
import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;

/**
 * The entailment tier's decisions, pure: which (passage, sentence) pairs go to the classifier, how its labels
 * become support, and how sentence support becomes one signal. A sentence is as supported as its best passage
 * makes it; the value is the mean of the average and the weakest sentence, so one invented sentence in a long
 * answer still shows while a long faithful answer is not punished for its length.
 */
public final class EntailmentPolicy {

    /** Support per label when the configuration names none: NLI labels and hallucination-detector labels. */
    public static final Map<String, Double> DEFAULT_LABELS = Map.of("entailment", 1.0, "consistent", 1.0,
            "supported", 1.0, "faithful", 1.0, "neutral", 0.0, "contradiction", 0.0, "hallucinated", 0.0,
            "unsupported", 0.0);

    private EntailmentPolicy() {
    }

    /** One pair the classifier judges: premise = a passage, hypothesis = an answer sentence. */
    public record Pair(int sentence, int passage, String premise, String hypothesis) {
    }

    /** One label the classifier gave a pair, with its probability. */
    public record Prediction(String label, double score) {
    }

    /** The reply could not be read as predictions for the pairs sent. */
    public static final class MalformedReply extends RuntimeException {
        public MalformedReply(String message) {
            super(message, null, false, false);
        }
    }

    /** The configured label weights over the defaults, with lower-cased names. */
    public static Map<String, Double> labels(Map<String, Double> configured) {
        var out = new LinkedHashMap<String, Double>(DEFAULT_LABELS);
        configured.forEach((label, support) -> out.put(label.toLowerCase(Locale.ROOT), support));
        return Map.copyOf(out);
    }

    /**
     * Every passage against each of the first {@code maxSentences} answer sentences that has words once its
     * citation markers are gone.
     */
    public static List<Pair> pairs(ScoringContext context, int maxSentences) {
        var pairs = new ArrayList<Pair>();
        List<AnalyzedSentence> sentences = context.answerText().sentences();
        for (int s = 0; s < Math.min(sentences.size(), maxSentences); s++) {
            String hypothesis = CitationExtractor.withoutMarkers(sentences.get(s).text()).strip();
            if (hypothesis.chars().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            for (int p = 0; p < context.passages().size(); p++) {
                Passage passage = context.passages().get(p);
                pairs.add(new Pair(s, p, passage.text(), hypothesis));
            }
        }
        return pairs;
    }

    /**
     * Reads TEI's batch reply: one list of {@code {"label","score"}} per pair, in the order sent.
     *
     * @throws MalformedReply when the shape or the count is not that
     */
    public static List<List<Prediction>> predictions(JsonNode reply, int expected) {
        if (reply == null || !reply.isArray()) {
            throw new MalformedReply("the reply is not a JSON array of predictions");
        }
        if (reply.size() != expected) {
            throw new MalformedReply("the reply holds " + reply.size() + " predictions for " + expected + " pairs");
        }
        var out = new ArrayList<List<Prediction>>(expected);
        for (JsonNode pair : reply) {
            if (!pair.isArray() || pair.isEmpty()) {
                throw new MalformedReply("a prediction is not a non-empty list of {label, score}");
            }
            var labels = new ArrayList<Prediction>(pair.size());
            for (JsonNode p : pair) {
                JsonNode score = p.get("score");
                if (!p.path("label").isTextual() || score == null || !score.isNumber()
                        || !(score.asDouble() >= 0 && score.asDouble() <= 1)) {
                    throw new MalformedReply("a prediction lacks a text label or a score in [0,1]");
                }
                labels.add(new Prediction(p.get("label").asText().toLowerCase(Locale.ROOT), score.asDouble()));
            }
            out.add(labels);
        }
        return out;
    }

    /**
     * A pair's support: the probability mass on labels weighted by their support.
     *
     * @throws MalformedReply when no label of the prediction has a configured support
     */
    static double support(List<Prediction> prediction, Map<String, Double> labels) {
        double support = 0;
        boolean known = false;
        for (Prediction p : prediction) {
            Double weight = labels.get(p.label());
            if (weight != null) {
                known = true;
                support += p.score() * weight;
            }
        }
        if (!known) {
            throw new MalformedReply("none of the labels " + prediction.stream().map(Prediction::label).toList()
                    + " has a support in gateway.verifiers.entailment.labels");
        }
        return Math.max(0, Math.min(1, support));
    }

    /** The signal for the classifier's predictions on those pairs. */
    public static SignalResult assess(List<Pair> pairs, List<List<Prediction>> predictions,
            Map<String, Double> labels, double supportedAt) {
        Map<Integer, Double> best = new LinkedHashMap<>();
        Map<Integer, Prediction> bestTop = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            int sentence = pairs.get(i).sentence();
            double support = support(predictions.get(i), labels);
            if (!best.containsKey(sentence) || support > best.get(sentence)) {
                best.put(sentence, support);
                bestTop.put(sentence, top(predictions.get(i)));
            }
        }
        double sum = 0;
        double worst = 1;
        var flags = new ArrayList<SignalResult.Flag>();
        var unsupported = new ArrayList<String>();
        for (var entry : best.entrySet()) {
            double support = entry.getValue();
            sum += support;
            worst = Math.min(worst, support);
            if (support < supportedAt) {
                Prediction top = bestTop.get(entry.getKey());
                String label = String.format(Locale.ROOT, "%s %.2f", top.label(), top.score());
                flags.add(new SignalResult.Flag(entry.getKey(), "no passage entails it (" + label + ")"));
                unsupported.add("sentence " + (entry.getKey() + 1) + " is not entailed by any passage (" + label + ")");
            }
        }
        int sentences = best.size();
        double mean = sum / sentences;
        String summary = (sentences - flags.size()) + " of " + sentences + " sentences entailed by a passage";
        String detail = String.format(Locale.ROOT, "mean support %.2f, weakest %.2f", mean, worst);
        String reason = unsupported.isEmpty() ? summary + " (" + detail + ")"
                : summary + "; " + String.join("; ", unsupported.stream().limit(3).toList()) + "; " + detail;
        return new SignalResult((mean + worst) / 2, reason, flags);
    }

    private static Prediction top(List<Prediction> prediction) {
        Prediction top = prediction.get(0);
        for (Prediction p : prediction) {
            if (p.score() > top.score()) {
                top = p;
            }
        }
        return top;
    }
}
