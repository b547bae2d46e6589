package io.confidencegateway.confidence.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.confidencegateway.confidence.ConfidenceModel;

/**
 * Isotonic regression (pool adjacent violators) of the faithful rate on a score, as the shipped calibration map:
 * one point per pooled block (its mean score, its faithful rate), blocks of fewer than {@link #MIN_BLOCK} rows
 * merged into a neighbour so that a handful of rows at the ends cannot claim 0 % or 100 %.
 */
public final class Isotonic {

    /** Rows a calibration point must stand on. */
    static final int MIN_BLOCK = 25;

    private Isotonic() {
    }

    public static ConfidenceModel.Calibration fit(double[] scores, boolean[] faithful) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        List<double[]> blocks = new ArrayList<>(); // {sum score, sum faithful, count}
        for (int i : order) {
            blocks.add(new double[] {scores[i], faithful[i] ? 1 : 0, 1});
            while (blocks.size() > 1 && rate(blocks.get(blocks.size() - 2)) >= rate(blocks.get(blocks.size() - 1))) {
                merge(blocks, blocks.size() - 2);
            }
        }
        while (blocks.size() > 1) {
            int smallest = 0;
            for (int b = 1; b < blocks.size(); b++) {
                if (blocks.get(b)[2] < blocks.get(smallest)[2]) {
                    smallest = b;
                }
            }
            if (blocks.get(smallest)[2] >= MIN_BLOCK) {
                break;
            }
            // Merging neighbours of a non-decreasing sequence keeps it non-decreasing.
            if (smallest == blocks.size() - 1 || smallest > 0 && blocks.get(smallest - 1)[2] < blocks.get(smallest + 1)[2]) {
                smallest--;
            }
            merge(blocks, smallest);
        }
        List<Double> raw = new ArrayList<>();
        List<Double> calibrated = new ArrayList<>();
        for (double[] block : blocks) {
            raw.add(round(block[0] / block[2]));
            calibrated.add(round(rate(block)));
        }
        return new ConfidenceModel.Calibration(raw, calibrated);
    }

    private static double rate(double[] block) {
        return block[1] / block[2];
    }

    private static void merge(List<double[]> blocks, int left) {
        double[] a = blocks.get(left);
        double[] b = blocks.remove(left + 1);
        a[0] += b[0];
        a[1] += b[1];
        a[2] += b[2];
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
