package io.confidencegateway.confidence.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Ranking and calibration metrics over scores where higher means "more likely faithful" and {@code positive[i]}
 * says row i is faithful.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Area under the ROC curve (probability a random faithful row outscores a random unfaithful one; ties half). */
    public static double auroc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /** 2.5 % and 97.5 % percentiles of AUROC over {@code rounds} bootstrap resamples (fixed seed). */
    public static double[] aurocInterval(double[] scores, boolean[] positive, int rounds, long seed) {
        Random random = new Random(seed);
        int n = scores.length;
        double[] values = new double[rounds];
        double[] s = new double[n];
        boolean[] p = new boolean[n];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                s[i] = scores[pick];
                p[i] = positive[pick];
            }
            values[r] = auroc(s, p);
        }
        Arrays.sort(values);
        return new double[] {values[(int) (0.025 * (rounds - 1))], values[(int) Math.ceil(0.975 * (rounds - 1))]};
    }

    /** Mean of the true-positive and true-negative rates when rows scoring at least {@code threshold} pass. */
    public static double balancedAccuracy(double[] scores, boolean[] positive, double threshold) {
        long tp = 0;
        long tn = 0;
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                pos++;
                tp += scores[i] >= threshold ? 1 : 0;
            } else {
                neg++;
                tn += scores[i] < threshold ? 1 : 0;
            }
        }
        return 0.5 * ((double) tp / Math.max(1, pos) + (double) tn / Math.max(1, neg));
    }

    /** The threshold (among the scores) with the best balanced accuracy: {threshold, balanced accuracy}. */
    public static double[] bestThreshold(double[] scores, boolean[] positive) {
        double[] candidates = Arrays.stream(scores).distinct().sorted().toArray();
        double best = -1;
        double at = 0.5;
        for (double t : candidates) {
            double ba = balancedAccuracy(scores, positive, t);
            if (ba > best) {
                best = ba;
                at = t;
            }
        }
        return new double[] {at, best};
    }

    /** One bin of a reliability table. */
    public record Bin(double from, double to, int count, double meanConfidence, double faithfulRate) {
    }

    /** Reliability table with {@code bins} equal-width bins over [0,1]. */
    public static List<Bin> reliability(double[] scores, boolean[] positive, int bins) {
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            double from = (double) b / bins;
            double to = (double) (b + 1) / bins;
            int count = 0;
            double conf = 0;
            double hits = 0;
            for (int i = 0; i < scores.length; i++) {
                boolean in = scores[i] >= from && (scores[i] < to || b == bins - 1 && scores[i] <= to);
                if (in) {
                    count++;
                    conf += scores[i];
                    hits += positive[i] ? 1 : 0;
                }
            }
            out.add(new Bin(from, to, count, count == 0 ? 0 : conf / count, count == 0 ? 0 : hits / count));
        }
        return out;
    }

    /** Expected calibration error: bin-weighted gap between mean confidence and the observed faithful rate. */
    public static double expectedCalibrationError(List<Bin> table) {
        int total = table.stream().mapToInt(Bin::count).sum();
        double ece = 0;
        for (Bin bin : table) {
            ece += (double) bin.count() / Math.max(1, total) * Math.abs(bin.meanConfidence() - bin.faithfulRate());
        }
        return ece;
    }

    /**
     * Share of unfaithful rows caught (scored below a threshold) when at most {@code fpr} of the faithful rows are
     * flagged: the operating point published detectors report (HHEM: TPR at FPR 6 %). Ties at the threshold count
     * as not flagged, so the FPR is never exceeded.
     */
    public static double tprAtFpr(double[] scores, boolean[] positive, double fpr) {
        double[] faithful = java.util.stream.IntStream.range(0, scores.length).filter(i -> positive[i])
                .mapToDouble(i -> scores[i]).sorted().toArray();
        if (faithful.length == 0) {
            return Double.NaN;
        }
        int allowed = (int) Math.floor(fpr * faithful.length);
        // Flag rows strictly below the (allowed)-th lowest faithful score: at most `allowed` faithful rows.
        double threshold = faithful[Math.min(allowed, faithful.length - 1)];
        long caught = 0;
        long negatives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!positive[i]) {
                negatives++;
                caught += scores[i] < threshold ? 1 : 0;
            }
        }
        return negatives == 0 ? Double.NaN : (double) caught / negatives;
    }

    /** {precision, coverage} of a band: share faithful among rows at or above {@code from}, share of faithful there. */
    public static double[] band(double[] scores, boolean[] positive, double from) {
        long in = 0;
        long faithfulIn = 0;
        long faithful = 0;
        for (int i = 0; i < scores.length; i++) {
            faithful += positive[i] ? 1 : 0;
            if (scores[i] >= from) {
                in++;
                faithfulIn += positive[i] ? 1 : 0;
            }
        }
        return new double[] {in == 0 ? Double.NaN : (double) faithfulIn / in,
            faithful == 0 ? Double.NaN : (double) faithfulIn / faithful, in};
    }

    /**
     * AUROC within each of {@code strata} equal-count strata of {@code covariate} (answer length): a score that
     * only measures length is at chance inside every stratum.
     */
    public static double[] aurocWithinStrata(double[] scores, boolean[] positive, double[] covariate, int strata) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(covariate[a], covariate[b]));
        double[] out = new double[strata];
        for (int k = 0; k < strata; k++) {
            int from = k * order.length / strata;
            int to = (k + 1) * order.length / strata;
            double[] s = new double[to - from];
            boolean[] p = new boolean[to - from];
            for (int i = from; i < to; i++) {
                s[i - from] = scores[order[i]];
                p[i - from] = positive[order[i]];
            }
            out[k] = auroc(s, p);
        }
        return out;
    }
}
