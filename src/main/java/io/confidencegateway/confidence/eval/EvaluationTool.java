package io.confidencegateway.confidence.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.confidencegateway.confidence.ConfidenceModel;
import io.confidencegateway.confidence.ConfidenceScorer;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalCatalog;
import io.confidencegateway.confidence.Thresholds;

/**
 * Scores a labelled JSONL file through the same scorer as {@code POST /v1/score} and reports how well confidence
 * separates faithful from unfaithful answers; with {@code --fit} it also refits the model's weights and writes
 * the model JSON. Run it with {@code bench/eval.sh FILE [--fit OUT.json] [--model M.json] [--threshold T]}.
 */
public final class EvaluationTool {

    private static final int BOOTSTRAP = 1000;
    private static final long SEED = 20261126L;

    private final PrintStream out;

    EvaluationTool(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (file == null) {
                file = args[i];
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        if (file == null) {
            System.err.println("usage: EvaluationTool FILE.jsonl [--fit OUT.json] [--model MODEL.json] [--threshold T]");
            System.exit(2);
        }
        ConfidenceModel model = options.containsKey("model") ? read(Path.of(options.get("model")))
                : ConfidenceModel.shipped();
        double threshold = Double.parseDouble(options.getOrDefault("threshold",
                String.valueOf(Thresholds.DEFAULT.medium())));
        new EvaluationTool(System.out).run(Path.of(file), model, threshold, options.get("fit"));
    }

    void run(Path file, ConfidenceModel model, double threshold, String fitOut) throws IOException {
        List<EvalRow> rows = EvalRow.read(file);
        ConfidenceScorer scorer = new ConfidenceScorer(model, SignalCatalog.discover());
        int n = rows.size();
        boolean[] faithful = new boolean[n];
        double[] length = new double[n];
        List<ScoringContext> contexts = new ArrayList<>(n);
        List<List<ConfidenceScorer.Reading>> readings = new ArrayList<>(n);
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            EvalRow row = rows.get(i);
            ScoringContext context = ScoringContext.of(row.question(), row.passages(), row.answer(), null);
            contexts.add(context);
            readings.add(scorer.evaluate(context));
            faithful[i] = row.faithful();
            length[i] = context.answerText().wordCount();
        }
        double millis = (System.nanoTime() - started) / 1e6;
        out.printf(Locale.ROOT, "%s: %d rows (%d faithful), model %s, scored in %.0f ms (%.2f ms/row incl. "
                + "analysis)%n", file.getFileName(), n, count(faithful), model.version(), millis, millis / n);

        double[] scores = scores(scorer, readings, contexts);
        report("shipped model " + model.version(), scores, faithful, rows, threshold);
        out.printf(Locale.ROOT, "control: answer length alone AUROC %.3f%n", Metrics.auroc(length, faithful));
        signalTable(model, readings, faithful);

        TreeSet<String> groups = new TreeSet<>();
        rows.forEach(r -> groups.add(r.group() == null ? "" : r.group()));
        Map<String, Object> evaluation = new LinkedHashMap<>();
        if (groups.size() > 1) {
            double[] outOfFold = crossValidate(model, readings, contexts, faithful, rows, groups, threshold);
            double[] ci = Metrics.aurocInterval(outOfFold, faithful, BOOTSTRAP, SEED);
            evaluation.put("leave_one_group_out_auroc", round(Metrics.auroc(outOfFold, faithful)));
            evaluation.put("leave_one_group_out_auroc_ci95", List.of(round(ci[0]), round(ci[1])));
            evaluation.put("leave_one_group_out_balanced_accuracy_at_" + threshold,
                    round(Metrics.balancedAccuracy(outOfFold, faithful, threshold)));
            evaluation.put("leave_one_group_out_best_balanced_accuracy",
                    round(Metrics.bestThreshold(outOfFold, faithful)[1]));
        }
        if (fitOut != null) {
            fitAndWrite(model, readings, contexts, faithful, rows, threshold, Path.of(fitOut), file, evaluation);
        }
    }

    private void report(String title, double[] scores, boolean[] faithful, List<EvalRow> rows, double threshold) {
        double auroc = Metrics.auroc(scores, faithful);
        double[] ci = Metrics.aurocInterval(scores, faithful, BOOTSTRAP, SEED);
        double[] best = Metrics.bestThreshold(scores, faithful);
        out.printf(Locale.ROOT, "%n== %s ==%nAUROC %.3f (95%% bootstrap CI %.3f-%.3f)%n", title, auroc, ci[0], ci[1]);
        out.printf(Locale.ROOT, "balanced accuracy %.1f%% at review threshold %.2f; best %.1f%% at %.3f%n",
                100 * Metrics.balancedAccuracy(scores, faithful, threshold), threshold, 100 * best[1], best[0]);
        Map<String, List<Integer>> byGroup = new java.util.TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byGroup.computeIfAbsent(rows.get(i).group() == null ? "(none)" : rows.get(i).group(),
                    g -> new ArrayList<>()).add(i);
        }
        if (byGroup.size() > 1) {
            out.println("per group: AUROC (n)");
            byGroup.forEach((group, idx) -> out.printf(Locale.ROOT, "  %-14s %.3f (%d)%n", group,
                    Metrics.auroc(pick(scores, idx), pick(faithful, idx)), idx.size()));
        }
        List<Metrics.Bin> table = Metrics.reliability(scores, faithful, 10);
        out.printf(Locale.ROOT, "reliability (ECE %.3f): bin  n  mean-confidence  faithful-rate%n",
                Metrics.expectedCalibrationError(table));
        for (Metrics.Bin bin : table) {
            if (bin.count() > 0) {
                out.printf(Locale.ROOT, "  %.1f-%.1f %5d  %.3f  %.3f%n", bin.from(), bin.to(), bin.count(),
                        bin.meanConfidence(), bin.faithfulRate());
            }
        }
    }

    private void signalTable(ConfidenceModel model, List<List<ConfidenceScorer.Reading>> readings,
            boolean[] faithful) {
        out.println("signals: applies  AUROC-alone  weight  weight*sd (how much it moves the logit)");
        for (ConfidenceModel.Feature feature : model.features()) {
            List<Integer> idx = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < readings.size(); i++) {
                var v = ModelFitter.value(readings.get(i), feature.name());
                if (v.isPresent()) {
                    idx.add(i);
                    values.add(v.get());
                }
            }
            double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
            double mean = java.util.Arrays.stream(x).average().orElse(0);
            double sd = Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElse(0));
            out.printf(Locale.ROOT, "  %-19s %5.1f%%  %s  %+.2f  %.2f%s%n", feature.name(),
                    100.0 * idx.size() / readings.size(), idx.isEmpty() ? "  n/a" : String.format(Locale.ROOT,
                            "%.3f", Metrics.auroc(x, pick(faithful, idx))), feature.weight(),
                    Math.abs(feature.weight()) * sd, feature.fitted() ? "" : "  (prior, not fitted)");
        }
    }

    private double[] crossValidate(ConfidenceModel prior, List<List<ConfidenceScorer.Reading>> readings,
            List<ScoringContext> contexts, boolean[] faithful, List<EvalRow> rows, TreeSet<String> groups,
            double threshold) {
        double[] outOfFold = new double[rows.size()];
        for (String held : groups) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                (held.equals(rows.get(i).group() == null ? "" : rows.get(i).group()) ? test : train).add(i);
            }
            ConfidenceModel fold = ModelFitter.fit(prior, train.stream().map(readings::get).toList(),
                    pick(faithful, train), "fold", null, null);
            ConfidenceScorer scorer = new ConfidenceScorer(fold, List.of());
            for (int i : test) {
                outOfFold[i] = scorer.combine(readings.get(i), contexts.get(i), Thresholds.DEFAULT).confidence();
            }
        }
        report("leave-one-group-out (each group scored by a model fitted without it)", outOfFold, faithful, rows,
                threshold);
        return outOfFold;
    }

    private void fitAndWrite(ConfidenceModel prior, List<List<ConfidenceScorer.Reading>> readings,
            List<ScoringContext> contexts, boolean[] faithful, List<EvalRow> rows, double threshold, Path target,
            Path source, Map<String, Object> crossValidation) throws IOException {
        ConfidenceModel fitted = ModelFitter.fit(prior, readings, faithful, "v1", null, null);
        double[] scores = scores(new ConfidenceScorer(fitted, List.of()), readings, contexts);
        double auroc = Metrics.auroc(scores, faithful);
        double[] ci = Metrics.aurocInterval(scores, faithful, BOOTSTRAP, SEED);
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("data", source.getFileName().toString());
        evaluation.put("rows", rows.size());
        evaluation.put("fitted_on", LocalDate.now().toString());
        evaluation.put("in_sample_auroc", round(auroc));
        evaluation.put("in_sample_auroc_ci95", List.of(round(ci[0]), round(ci[1])));
        evaluation.put("in_sample_balanced_accuracy_at_" + threshold,
                round(Metrics.balancedAccuracy(scores, faithful, threshold)));
        evaluation.putAll(crossValidation);
        String note = "Logistic regression (IRLS, L2 " + ModelFitter.L2 + ") on centred signal values of "
                + source.getFileName() + " (" + rows.size() + " rows, label 1 = unfaithful, classes balanced, so 0.5 "
                + "is the prior), weights held at 0 or above (a negative one would reward doubt). Features marked "
                + "fitted=false keep hand-set prior weights because that data never exercised them (no question, no "
                + "citation markers, no logprobs, almost no hedging). Refit: bench/eval.sh FILE --fit OUT.json.";
        ConfidenceModel model = new ConfidenceModel("v1", note, fitted.intercept(), fitted.features(), evaluation);
        Files.writeString(target, model.toJson());
        report("refitted model (in-sample; see leave-one-group-out for an honest number)", scores, faithful, rows,
                threshold);
        signalTable(model, readings, faithful);
        out.println("wrote " + target);
    }

    private static double[] scores(ConfidenceScorer scorer, List<List<ConfidenceScorer.Reading>> readings,
            List<ScoringContext> contexts) {
        double[] scores = new double[readings.size()];
        for (int i = 0; i < scores.length; i++) {
            // Unrounded ranking would differ only by ties; the API's rounded value is what callers see.
            scores[i] = scorer.combine(readings.get(i), contexts.get(i), Thresholds.DEFAULT).confidence();
        }
        return scores;
    }

    private static ConfidenceModel read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return ConfidenceModel.read(in);
        }
    }

    private static int count(boolean[] values) {
        int c = 0;
        for (boolean v : values) {
            c += v ? 1 : 0;
        }
        return c;
    }

    private static double[] pick(double[] values, List<Integer> idx) {
        return idx.stream().mapToDouble(i -> values[i]).toArray();
    }

    private static boolean[] pick(boolean[] values, List<Integer> idx) {
        boolean[] out = new boolean[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[idx.get(i)];
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
