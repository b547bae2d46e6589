package io.confidencegateway.confidence.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.confidencegateway.confidence.ConfidenceModel;
import io.confidencegateway.confidence.ConfidenceScorer;
import io.confidencegateway.confidence.SignalResult;

/**
 * Refits a model's weights from signal readings and labels. Each feature is centred on its mean over the rows
 * where it applies and set to 0 (its mean) where it does not, exactly as the scorer treats it. A feature the data
 * barely exercises (fewer than {@link #MIN_VARIED} rows away from its commonest value, e.g. hedging in a set of
 * summaries) keeps its prior weight and mean and stays marked unfitted: a handful of rows would fit noise. Weights
 * are never negative (see {@link #fitNonNegative}).
 */
public final class ModelFitter {

    /** Mild ridge penalty: keeps weights of rare, correlated features from running off. */
    static final double L2 = 1.0;

    /** The signal whose words get weights of their own, unless the prior model names another. */
    static final String TERM_SIGNAL = "unsupported_terms";

    /** Hash buckets for those words, unless the prior names a count: 4,096 kept collisions rare on RAGTruth. */
    static final int BUCKETS = 4096;

    /**
     * L2 penalty per word bucket, far above the dense one: most buckets are seen in a few answers. Grouped CV on
     * RAGTruth: 3 → 0.779, 10 → 0.794, 20 → 0.796, 50 → 0.795 AUROC (numpy prototype).
     */
    static final double TERM_L2 = 20;

    /** Rows that must differ from a feature's commonest value before its weight is fitted. */
    static final int MIN_VARIED = 50;

    private ModelFitter() {
    }

    public static ConfidenceModel fit(ConfidenceModel prior, List<List<ConfidenceScorer.Reading>> readings,
            boolean[] faithful, String version, String note, Map<String, Object> evaluation) {
        // The prior's features, then any signal the readings show that the prior does not know (a new signal class).
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        prior.features().forEach(f -> all.add(f.name()));
        readings.forEach(row -> row.forEach(r -> all.add(r.name())));
        List<String> names = List.copyOf(all);
        Map<String, ConfidenceModel.Feature> known = prior.byName();
        int n = readings.size();
        List<Integer> fitted = new ArrayList<>();
        double[] means = new double[names.size()];
        for (int f = 0; f < names.size(); f++) {
            double sum = 0;
            int count = 0;
            Map<Double, Integer> frequency = new HashMap<>();
            for (List<ConfidenceScorer.Reading> row : readings) {
                Optional<Double> v = value(row, names.get(f));
                if (v.isPresent()) {
                    sum += v.get();
                    count++;
                    frequency.merge(v.get(), 1, Integer::sum);
                }
            }
            ConfidenceModel.Feature prior0 = known.get(names.get(f));
            if (prior0 != null && !prior0.isCentred()) {
                // An answer type: fitted on whether it applies, which must vary both ways.
                means[f] = 0;
                if (count >= MIN_VARIED && n - count >= MIN_VARIED) {
                    fitted.add(f);
                }
                continue;
            }
            int varied = count - frequency.values().stream().max(Integer::compare).orElse(0);
            if (varied >= MIN_VARIED) {
                means[f] = sum / count;
                fitted.add(f);
            } else {
                means[f] = known.containsKey(names.get(f)) ? known.get(names.get(f)).mean() : 0;
            }
        }
        double[] beta = fitNonNegative(readings, faithful, names, means, fitted);
        ConfidenceModel.Terms terms = null;
        String termSignal = prior.terms() != null ? prior.terms().signal() : TERM_SIGNAL;
        int buckets = prior.terms() != null ? prior.terms().buckets() : BUCKETS;
        int[][] rowTerms = buckets(readings, termSignal, buckets);
        if (rowTerms != null) {
            double[][] x = new double[n][fitted.size()];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = faithful[i] ? 1 : 0;
                for (int k = 0; k < fitted.size(); k++) {
                    int f = fitted.get(k);
                    x[i][k] = value(readings.get(i), names.get(f)).map(v -> v - means[f]).orElse(0.0);
                }
            }
            double[] theta = TermFit.fit(x, rowTerms, y, L2, TERM_L2, buckets, beta);
            System.arraycopy(theta, 0, beta, 0, beta.length);
            java.util.TreeMap<Integer, Double> weights = new java.util.TreeMap<>();
            for (int b = 0; b < buckets; b++) {
                double w = round(theta[beta.length + b]);
                if (w != 0) {
                    weights.put(b, w);
                }
            }
            terms = new ConfidenceModel.Terms(termSignal, buckets, weights);
        }
        List<ConfidenceModel.Feature> features = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            int k = fitted.indexOf(f);
            ConfidenceModel.Feature old = known.get(names.get(f));
            Boolean centred = old == null ? null : old.centred();
            if (k >= 0) {
                features.add(new ConfidenceModel.Feature(names.get(f), round(beta[k + 1]), round(means[f]), true,
                        centred));
            } else if (old != null) {
                features.add(old.fitted() ? new ConfidenceModel.Feature(old.name(), old.weight(), old.mean(), false,
                        centred) : old);
            }
        }
        features.sort(java.util.Comparator.comparing(ConfidenceModel.Feature::name));
        return new ConfidenceModel(version, note, round(beta[0]), features, terms, null, evaluation);
    }

    /**
     * Every signal reads 1 as "no reason for doubt", so a negative weight would make the model reward doubt: it can
     * only come from collinearity with another signal or a quirk of the training data (on SummEdits, faithful rows
     * are paraphrases and so share fewer words with the document than the corrupted ones). Such a feature is fixed
     * at weight 0 and the rest refitted, until every weight is positive or zero.
     */
    private static double[] fitNonNegative(List<List<ConfidenceScorer.Reading>> readings, boolean[] faithful,
            List<String> names, double[] means, List<Integer> fitted) {
        int n = readings.size();
        List<Integer> active = new ArrayList<>(fitted);
        while (true) {
            double[][] x = new double[n][active.size()];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = faithful[i] ? 1 : 0;
                for (int k = 0; k < active.size(); k++) {
                    int f = active.get(k);
                    x[i][k] = value(readings.get(i), names.get(f)).map(v -> v - means[f]).orElse(0.0);
                }
            }
            double[] beta = LogisticFit.fit(x, y, L2);
            int worst = -1;
            for (int k = 0; k < active.size(); k++) {
                if (beta[k + 1] < 0 && (worst < 0 || beta[k + 1] < beta[worst + 1])) {
                    worst = k;
                }
            }
            if (worst < 0) {
                double[] out = new double[fitted.size() + 1];
                out[0] = beta[0];
                for (int k = 0; k < active.size(); k++) {
                    out[fitted.indexOf(active.get(k)) + 1] = beta[k + 1];
                }
                return out;
            }
            active.remove(worst);
        }
    }

    /** Each row's word buckets from the term signal's reading, or null when no row carries words. */
    private static int[][] buckets(List<List<ConfidenceScorer.Reading>> readings, String signal, int buckets) {
        int[][] out = new int[readings.size()][];
        boolean any = false;
        for (int i = 0; i < out.length; i++) {
            List<String> words = List.of();
            for (ConfidenceScorer.Reading r : readings.get(i)) {
                if (r.name().equals(signal) && r.result().isPresent()) {
                    words = r.result().get().terms();
                }
            }
            out[i] = words.stream().mapToInt(w -> ConfidenceModel.Terms.bucket(w, buckets)).toArray();
            any |= out[i].length > 0;
        }
        return any ? out : null;
    }

    static Optional<Double> value(List<ConfidenceScorer.Reading> row, String name) {
        for (ConfidenceScorer.Reading reading : row) {
            if (reading.name().equals(name)) {
                return reading.result().map(SignalResult::value);
            }
        }
        return Optional.empty();
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
