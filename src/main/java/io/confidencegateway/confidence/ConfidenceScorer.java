package io.confidencegateway.confidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Combines the signals that apply into one confidence with the shipped logistic model. Pure: no CDI, no I/O, so
 * the HTTP API, the evaluation tool and tests all score through this one class.
 */
public final class ConfidenceScorer {

    /** Words named in a term signal's reason, the heaviest first. */
    static final int TERMS_SHOWN = 5;

    private final ConfidenceModel model;
    private final Map<String, ConfidenceModel.Feature> features;
    private final List<ConfidenceSignal> signals;

    public ConfidenceScorer(ConfidenceModel model, List<ConfidenceSignal> signals) {
        this.model = model;
        this.features = model.byName();
        this.signals = signals.stream().sorted(Comparator.comparing(ConfidenceSignal::name)).toList();
    }

    /**
     * The scorer for serving: signals the model gives no weight are not run, so a measured-and-rejected signal
     * (the MiniLM token alignment costs ~25 ms of CPU per answer) costs nothing and shows no reason it does not
     * act on. The model's term signal ({@link ConfidenceModel.Terms}) runs whatever its own weight: its words carry
     * the weight. The evaluation tool uses the constructor, which runs every signal, to measure them all.
     */
    public static ConfidenceScorer serving(ConfidenceModel model, List<ConfidenceSignal> signals) {
        Map<String, ConfidenceModel.Feature> features = model.byName();
        String termSignal = model.terms() == null ? null : model.terms().signal();
        return new ConfidenceScorer(model, signals.stream()
                .filter(s -> s.name().equals(termSignal)
                        || features.containsKey(s.name()) && features.get(s.name()).weight() != 0).toList());
    }

    /** One signal's outcome on one answer: empty when it did not apply. */
    public record Reading(String name, Optional<SignalResult> result) {
    }

    /** Names of the signals this scorer runs, sorted. */
    public List<String> signalNames() {
        return signals.stream().map(ConfidenceSignal::name).toList();
    }

    public ConfidenceModel model() {
        return model;
    }

    public ConfidenceScore score(ScoringContext context, Thresholds thresholds) {
        return combine(evaluate(context), context, thresholds);
    }

    public List<Reading> evaluate(ScoringContext context) {
        List<Reading> readings = new ArrayList<>(signals.size());
        for (ConfidenceSignal signal : signals) {
            readings.add(new Reading(signal.name(), signal.evaluate(context)));
        }
        return readings;
    }

    /** The model's logit for these readings (intercept plus every applying signal's contribution). */
    public double logit(List<Reading> readings) {
        double logit = model.intercept();
        for (Reading reading : readings) {
            ConfidenceModel.Feature feature = features.get(reading.name());
            if (feature != null && reading.result().isPresent()) {
                logit += feature.weight() * (reading.result().get().value() - feature.mean());
            }
            logit += termsContribution(reading);
        }
        return logit;
    }

    public ConfidenceScore combine(List<Reading> readings, ScoringContext context, Thresholds thresholds) {
        double logit = model.intercept();
        List<ConfidenceScore.SignalScore> applied = new ArrayList<>();
        Map<Integer, Set<String>> doubts = new TreeMap<>();
        for (Reading reading : readings) {
            if (reading.result().isEmpty()) {
                continue;
            }
            SignalResult result = reading.result().get();
            ConfidenceModel.Feature feature = features.get(reading.name());
            double weight = feature == null ? 0 : feature.weight();
            double terms = termsContribution(reading);
            double contribution = (feature == null ? 0 : weight * (result.value() - feature.mean())) + terms;
            logit += contribution;
            String reason = isTermSignal(reading.name()) ? result.reason() + termsReason(result.terms())
                    : result.reason();
            applied.add(new ConfidenceScore.SignalScore(reading.name(), round(result.value()), round(weight),
                    round(contribution), reason));
            for (SignalResult.Flag flag : result.flags()) {
                doubts.computeIfAbsent(flag.sentenceIndex(), i -> new LinkedHashSet<>()).add(flag.reason());
            }
        }
        double confidence = model.confidence(logit);
        return new ConfidenceScore(round(confidence), thresholds.label(confidence), applied,
                unsupported(doubts, context));
    }

    /** What the model's term weights add for this reading's words (0 unless it is the model's term signal). */
    private double termsContribution(Reading reading) {
        if (!isTermSignal(reading.name()) || reading.result().isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (String word : reading.result().get().terms()) {
            sum += model.terms().weight(word);
        }
        return sum;
    }

    private boolean isTermSignal(String name) {
        return model.terms() != null && name.equals(model.terms().signal());
    }

    /**
     * The words that weigh most, with their weights, so that an agent sees which added words lowered the score and
     * which the model treats as harmless style ("; weighed: 'innocence' −0.42, 'additionally' +0.21").
     */
    private String termsReason(List<String> words) {
        ConfidenceModel.Terms terms = model.terms();
        if (words.isEmpty()) {
            return "";
        }
        List<String> shown = words.stream().filter(w -> terms.weight(w) != 0)
                .sorted(Comparator.comparingDouble((String w) -> Math.abs(terms.weight(w))).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .limit(TERMS_SHOWN)
                .map(w -> String.format(Locale.ROOT, "'%s' %+.2f", w, terms.weight(w))).toList();
        return shown.isEmpty() ? "" : "; weighed: " + String.join(", ", shown);
    }

    private static List<ConfidenceScore.UnsupportedClaim> unsupported(Map<Integer, Set<String>> doubts,
            ScoringContext context) {
        var sentences = context.answerText().sentences();
        Map<Integer, ConfidenceScore.UnsupportedClaim> out = new LinkedHashMap<>();
        doubts.forEach((index, reasons) -> {
            if (index >= 0 && index < sentences.size()) {
                out.put(index, new ConfidenceScore.UnsupportedClaim(index, sentences.get(index).text(),
                        String.join("; ", reasons)));
            }
        });
        return List.copyOf(out.values());
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
