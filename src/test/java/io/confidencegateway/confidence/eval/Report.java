package io.confidencegateway.confidence.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.confidencegateway.confidence.Thresholds;

/**
 * The numbers of one set of scores against the labels: AUROC with a bootstrap interval, AUROC within answer-length
 * quintiles (a score that only tracks length is at chance inside each), balanced accuracy at the review threshold
 * and at the best one, the share of unfaithful answers caught when 6 % of faithful ones are flagged, the
 * {@code high} band's precision and coverage, per-group numbers and the reliability table with its ECE.
 */
final class Report {

    static final int BOOTSTRAP = 1000;
    static final long SEED = 20261126L;
    static final int STRATA = 5;
    static final double FPR = 0.06;

    private final PrintStream out;
    private final boolean[] faithful;
    private final double[] length;
    private final List<String> groups;
    private final double threshold;

    Report(PrintStream out, boolean[] faithful, double[] length, List<String> groups, double threshold) {
        this.out = out;
        this.faithful = faithful;
        this.length = length;
        this.groups = groups;
        this.threshold = threshold;
    }

    /** Prints the report and returns its headline numbers for a model's {@code evaluation} block. */
    Map<String, Object> print(String title, double[] scores) {
        double auroc = Metrics.auroc(scores, faithful);
        double[] ci = Metrics.aurocInterval(scores, faithful, BOOTSTRAP, SEED);
        double[] strata = Metrics.aurocWithinStrata(scores, faithful, length, STRATA);
        double[] best = Metrics.bestThreshold(scores, faithful);
        double ba = Metrics.balancedAccuracy(scores, faithful, threshold);
        double tpr = Metrics.tprAtFpr(scores, faithful, FPR);
        double high = Thresholds.DEFAULT.high();
        double[] band = Metrics.band(scores, faithful, high);
        List<Metrics.Bin> table = Metrics.reliability(scores, faithful, 10);
        double ece = Metrics.expectedCalibrationError(table);
        double[] negLength = java.util.Arrays.stream(length).map(v -> -v).toArray();

        out.printf(Locale.ROOT, "%n== %s ==%n", title);
        out.printf(Locale.ROOT, "AUROC %.3f (95%% bootstrap CI %.3f-%.3f); control: shorter-is-faithful (answer "
                + "length alone) %.3f%n", auroc, ci[0], ci[1], Metrics.auroc(negLength, faithful));
        out.printf(Locale.ROOT, "AUROC within answer-length quintiles: %s (min %.3f)%n", join(strata), min(strata));
        out.printf(Locale.ROOT, "balanced accuracy %.1f%% at review threshold %.2f (flags %.1f%% of answers); best "
                + "%.1f%% at %.3f%n", 100 * ba, threshold, 100 * flagged(scores), 100 * best[1], best[0]);
        out.printf(Locale.ROOT, "TPR at FPR 6%%: %.1f%% of unfaithful answers caught when 6%% of faithful ones are "
                + "flagged%n", 100 * tpr);
        out.printf(Locale.ROOT, "high band (>= %.2f): %.0f answers, %.1f%% of them faithful, %.1f%% of faithful "
                + "answers reach it%n", high, band[2], 100 * band[0], 100 * band[1]);
        Map<String, List<Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < groups.size(); i++) {
            byGroup.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
        }
        if (byGroup.size() > 1 && byGroup.size() <= 40) {
            out.println("per group: AUROC  balanced-accuracy@threshold  (n)");
            byGroup.forEach((group, idx) -> out.printf(Locale.ROOT, "  %-22s %.3f  %.1f%%  (%d)%n", group,
                    Metrics.auroc(pick(scores, idx), pick(faithful, idx)),
                    100 * Metrics.balancedAccuracy(pick(scores, idx), pick(faithful, idx), threshold), idx.size()));
        }
        out.printf(Locale.ROOT, "reliability (ECE %.3f): bin  n  mean-confidence  faithful-rate%n", ece);
        for (Metrics.Bin bin : table) {
            if (bin.count() > 0) {
                out.printf(Locale.ROOT, "  %.1f-%.1f %5d  %.3f  %.3f%n", bin.from(), bin.to(), bin.count(),
                        bin.meanConfidence(), bin.faithfulRate());
            }
        }
        out.printf(Locale.ROOT, "SUMMARY auroc=%.3f strata_min=%.3f ba=%.1f tpr6=%.1f ece=%.3f high_precision=%.1f "
                + "high_coverage=%.1f%n", auroc, min(strata), 100 * ba, 100 * tpr, ece, 100 * band[0], 100 * band[1]);

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("auroc", round(auroc));
        numbers.put("auroc_ci95", List.of(round(ci[0]), round(ci[1])));
        numbers.put("auroc_within_length_quintiles", java.util.Arrays.stream(strata).map(Report::round).boxed()
                .toList());
        numbers.put("balanced_accuracy_at_" + threshold, round(ba));
        numbers.put("best_balanced_accuracy", round(best[1]));
        numbers.put("tpr_at_fpr_0.06", round(tpr));
        numbers.put("ece", round(ece));
        numbers.put("high_band_precision", round(band[0]));
        numbers.put("high_band_coverage", round(band[1]));
        return numbers;
    }

    private double flagged(double[] scores) {
        return java.util.Arrays.stream(scores).filter(s -> s < threshold).count() / (double) scores.length;
    }

    private static String join(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return sb.toString();
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    static double[] pick(double[] values, List<Integer> idx) {
        return idx.stream().mapToDouble(i -> values[i]).toArray();
    }

    static boolean[] pick(boolean[] values, List<Integer> idx) {
        boolean[] out = new boolean[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[idx.get(i)];
        }
        return out;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10_000) / 10_000.0;
    }
}
