package io.confidencegateway.confidence.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import io.confidencegateway.confidence.ConfidenceModel;
import io.confidencegateway.confidence.ConfidenceScorer;

/**
 * Grouped cross-validation over signal readings computed once: rows of one group (a RAGTruth source, a SummEdits
 * domain) always fall into the same fold, so no question is scored by a model that saw another answer to it. With
 * at most {@link #LEAVE_ONE_OUT_MAX} groups every group is its own fold (leave one group out).
 *
 * <p>Training is logistic regression ({@link ModelFitter}) followed by isotonic calibration ({@link Isotonic}) of
 * the fitted model's <em>out-of-fold</em> probabilities; the honest numbers come from nesting that whole procedure
 * inside the outer folds.
 */
public final class CrossValidation {

    /** Up to this many groups, each group is a fold of its own. */
    static final int LEAVE_ONE_OUT_MAX = 12;
    static final long SEED = 20261202L;

    private CrossValidation() {
    }

    /** Fold number of every row: groups shuffled with a fixed seed and dealt round-robin into {@code k} folds. */
    public static int[] folds(List<String> groups, int k) {
        List<String> distinct = new ArrayList<>(new TreeSet<>(groups));
        Map<String, Integer> foldOf = new HashMap<>();
        if (distinct.size() <= LEAVE_ONE_OUT_MAX) {
            for (int g = 0; g < distinct.size(); g++) {
                foldOf.put(distinct.get(g), g);
            }
        } else {
            Collections.shuffle(distinct, new Random(SEED));
            for (int g = 0; g < distinct.size(); g++) {
                foldOf.put(distinct.get(g), g % k);
            }
        }
        return groups.stream().mapToInt(foldOf::get).toArray();
    }

    /** Fits weights on {@code rows}, then the calibration map on their grouped out-of-fold probabilities. */
    public static ConfidenceModel train(ConfidenceModel prior, List<List<ConfidenceScorer.Reading>> readings,
            boolean[] faithful, List<String> groups, List<Integer> rows, int k) {
        ConfidenceModel fitted = fit(prior, readings, faithful, rows);
        int[] fold = folds(rows.stream().map(groups::get).toList(), k);
        double[] raw = new double[rows.size()];
        for (int f : distinct(fold)) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                (fold[i] == f ? test : train).add(i);
            }
            ConfidenceScorer scorer = new ConfidenceScorer(fit(prior, readings, faithful,
                    train.stream().map(rows::get).toList()), List.of());
            for (int i : test) {
                raw[i] = probability(scorer.logit(readings.get(rows.get(i))));
            }
        }
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = faithful[rows.get(i)];
        }
        return fitted.withCalibration(Isotonic.fit(raw, y));
    }

    /** Out-of-fold calibrated confidence of every row: the whole training procedure nested in each outer fold. */
    public static double[] outOfFold(ConfidenceModel prior, List<List<ConfidenceScorer.Reading>> readings,
            boolean[] faithful, List<String> groups, int k) {
        int[] fold = folds(groups, k);
        double[] out = new double[readings.size()];
        for (int f : distinct(fold)) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? test : train).add(i);
            }
            ConfidenceModel model = train(prior, readings, faithful, groups, train, k);
            ConfidenceScorer scorer = new ConfidenceScorer(model, List.of());
            for (int i : test) {
                out[i] = model.confidence(scorer.logit(readings.get(i)));
            }
        }
        return out;
    }

    private static ConfidenceModel fit(ConfidenceModel prior, List<List<ConfidenceScorer.Reading>> readings,
            boolean[] faithful, List<Integer> rows) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = faithful[rows.get(i)];
        }
        return ModelFitter.fit(prior, rows.stream().map(readings::get).toList(), y, prior.version(), null, null);
    }

    private static int[] distinct(int[] fold) {
        return java.util.Arrays.stream(fold).distinct().sorted().toArray();
    }

    private static double probability(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
