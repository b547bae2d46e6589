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
 * separates faithful from unfaithful answers ({@link Report}); with a grouping field it adds grouped
 * cross-validation of the whole training procedure, and with {@code --fit} it trains a model on the file and writes
 * it. Signal readings are computed once per row and reused by every fold. Run it with {@code bench/eval.sh}.
 */
public final class EvaluationTool {

    static final String USAGE = "usage: EvaluationTool FILE.jsonl [--fit OUT.json] [--model MODEL.json] "
            + "[--threshold 0.60] [--by FIELD] [--group FIELD] [--folds 5] [--version v3] [--dump OUT.tsv] "
            + "[--exclude SIGNAL,SIGNAL]";

    private final PrintStream out;

    EvaluationTool(PrintStream out) {
        this.out = out;
    }

    /** Command-line options; {@code by} and {@code group} default to the row's domain, else its model. */
    record Options(Double threshold, String fit, String by, String group, int folds, String version, String dump,
            java.util.Set<String> exclude) {

        static Options defaults() {
            return new Options(Thresholds.DEFAULT.medium(), null, null, null, 5, "v3", null, java.util.Set.of());
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (file == null && !args[i].startsWith("--")) {
                file = args[i];
            } else {
                System.err.println("unexpected argument " + args[i] + "\n" + USAGE);
                System.exit(2);
            }
        }
        if (file == null) {
            System.err.println(USAGE);
            System.exit(2);
        }
        ConfidenceModel model = options.containsKey("model") ? read(Path.of(options.get("model")))
                : ConfidenceModel.shipped();
        Options o = new Options(Double.parseDouble(options.getOrDefault("threshold",
                String.valueOf(Thresholds.DEFAULT.medium()))), options.get("fit"), options.get("by"),
                options.get("group"), Integer.parseInt(options.getOrDefault("folds", "5")),
                options.getOrDefault("version", "v3"), options.get("dump"),
                java.util.Set.of(options.getOrDefault("exclude", "").split("\\s*,\\s*")));
        new EvaluationTool(System.out).run(Path.of(file), model, o);
    }

    /** Kept for callers of the first version: threshold and fit target only. */
    void run(Path file, ConfidenceModel model, double threshold, String fitOut) throws IOException {
        Options d = Options.defaults();
        run(file, model, new Options(threshold, fitOut, d.by(), d.group(), d.folds(), d.version(), d.dump(),
                d.exclude()));
    }

    void run(Path file, ConfidenceModel model, Options options) throws IOException {
        List<EvalRow> rows = EvalRow.read(file);
        // Excluded signals are neither read nor fitted (their features keep the prior's weight): e.g. an expensive
        // signal measured once and left out of the shipped model.
        ConfidenceScorer scorer = new ConfidenceScorer(model, SignalCatalog.discover().stream()
                .filter(s -> !options.exclude().contains(s.name())).toList());
        int n = rows.size();
        boolean[] faithful = new boolean[n];
        double[] length = new double[n];
        List<List<ConfidenceScorer.Reading>> readings = new ArrayList<>(n);
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            EvalRow row = rows.get(i);
            ScoringContext context = ScoringContext.of(row.question(), row.passages(), row.answer(), null);
            readings.add(scorer.evaluate(context));
            faithful[i] = row.faithful();
            length[i] = context.answerText().wordCount();
        }
        double millis = (System.nanoTime() - started) / 1e6;
        out.printf(Locale.ROOT, "%s: %d rows (%d faithful), model %s, signals read in %.0f ms (%.2f ms/row incl. "
                + "analysis)%n", file.getFileName(), n, count(faithful), model.version(), millis, millis / n);
        List<String> by = rows.stream().map(r -> groupOf(r, options.by())).toList();
        Report report = new Report(out, faithful, length, by, options.threshold());

        double[] scores = scores(model, readings);
        report.print("model " + model.version() + " as given", scores);
        signalTable(model, readings, faithful);

        List<String> groups = rows.stream().map(r -> groupOf(r, options.group() != null ? options.group()
                : options.by())).toList();
        Map<String, Object> evaluation = new LinkedHashMap<>();
        int distinct = new TreeSet<>(groups).size();
        double[] crossValidated = null;
        if (distinct > 1) {
            double[] outOfFold = CrossValidation.outOfFold(model, readings, faithful, groups, options.folds());
            String scheme = distinct <= CrossValidation.LEAVE_ONE_OUT_MAX ? "leave-one-group-out over "
                    + distinct + " groups" : "grouped " + options.folds() + "-fold over " + distinct + " groups";
            String field = options.group() != null ? options.group() : options.by() != null ? options.by()
                    : "domain|model";
            Map<String, Object> cv = report.print("cross-validated (" + scheme + " of '" + field
                    + "'; weights and calibration fitted without the held-out fold)", outOfFold);
            evaluation.put("cross_validation", scheme + " by " + field);
            cv.forEach((k, v) -> evaluation.put("cv_" + k, v));
            crossValidated = outOfFold;
        }
        if (options.dump() != null) {
            dump(Path.of(options.dump()), readings, faithful, length, rows, options, crossValidated);
        }
        if (options.fit() != null) {
            List<Integer> all = java.util.stream.IntStream.range(0, n).boxed().toList();
            ConfidenceModel trained = distinct > 1
                    ? CrossValidation.train(model, readings, faithful, groups, all, options.folds())
                    : ModelFitter.fit(model, readings, faithful, options.version(), null, null);
            Map<String, Object> fitted = report.print("trained model (in-sample; the cross-validated numbers are "
                    + "the honest ones)", scores(trained, readings));
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("data", file.getFileName().toString());
            block.put("rows", n);
            block.put("fitted_on", LocalDate.now().toString());
            fitted.forEach((k, v) -> block.put("in_sample_" + k, v));
            block.putAll(evaluation);
            String excluded = options.exclude().stream().filter(e -> !e.isBlank()).sorted()
                    .collect(java.util.stream.Collectors.joining(", "));
            String note = note(file, n) + (excluded.isEmpty() ? "" : " Left out of the fit (--exclude; weight 0, so "
                    + "not run when serving): " + excluded + ".");
            ConfidenceModel shipped = new ConfidenceModel(options.version(), note, trained.intercept(),
                    trained.features(), trained.terms(), trained.calibration(), block);
            Files.writeString(Path.of(options.fit()), shipped.toJson());
            signalTable(shipped, readings, faithful);
            out.println("wrote " + options.fit());
        }
    }

    private static String note(Path file, int rows) {
        return "Logistic regression (IRLS, L2 " + ModelFitter.L2 + ") on centred signal values of " + file.getFileName()
                + " (" + rows + " rows, label 1 = unfaithful), weights held at 0 or above (every signal reads 1 as "
                + "no doubt; a negative weight would reward doubt), then isotonic calibration of grouped out-of-fold "
                + "probabilities. Features marked fitted=false keep hand-set prior weights because that data never "
                + "exercised them (no citation markers, no logprobs). Retrain: see bench/README.md.";
    }

    private static String groupOf(EvalRow row, String field) {
        String g = field == null ? row.group() : row.field(field);
        return g == null ? "(none)" : g;
    }

    private void signalTable(ConfidenceModel model, List<List<ConfidenceScorer.Reading>> readings,
            boolean[] faithful) {
        out.println("signals: applies  AUROC-alone  weight  weight*sd (how much it moves the logit)");
        Map<String, ConfidenceModel.Feature> features = model.byName();
        TreeSet<String> names = new TreeSet<>(features.keySet());
        readings.forEach(row -> row.forEach(r -> names.add(r.name())));
        for (String name : names) {
            List<Integer> idx = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < readings.size(); i++) {
                var v = ModelFitter.value(readings.get(i), name);
                if (v.isPresent()) {
                    idx.add(i);
                    values.add(v.get());
                }
            }
            double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
            double mean = java.util.Arrays.stream(x).average().orElse(0);
            double sd = Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElse(0));
            ConfidenceModel.Feature feature = features.get(name);
            double weight = feature == null ? 0 : feature.weight();
            out.printf(Locale.ROOT, "  %-24s %5.1f%%  %s  %+.2f  %.2f%s%n", name, 100.0 * idx.size() / readings.size(),
                    idx.isEmpty() ? "  n/a" : String.format(Locale.ROOT, "%.3f", Metrics.auroc(x,
                            Report.pick(faithful, idx))), weight, Math.abs(weight) * sd,
                    feature == null ? "  (not in model)" : feature.fitted() ? "" : "  (prior, not fitted)");
        }
    }

    /**
     * One line per row: label, length, group, the cross-validated confidence (blank without groups) and every signal's
     * value (blank when absent), for offline study.
     */
    private static void dump(Path target, List<List<ConfidenceScorer.Reading>> readings, boolean[] faithful,
            double[] length, List<EvalRow> rows, Options options, double[] crossValidated) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        readings.forEach(row -> row.forEach(r -> names.add(r.name())));
        StringBuilder sb = new StringBuilder("label\tlength\tby\tgroup\tcv_confidence\t" + String.join("\t", names)
                + "\n");
        for (int i = 0; i < readings.size(); i++) {
            sb.append(faithful[i] ? 0 : 1).append('\t').append((int) length[i]).append('\t')
                    .append(groupOf(rows.get(i), options.by())).append('\t')
                    .append(groupOf(rows.get(i), options.group() != null ? options.group() : options.by()))
                    .append('\t').append(crossValidated == null ? "" : String.valueOf(crossValidated[i]));
            for (String name : names) {
                sb.append('\t').append(ModelFitter.value(readings.get(i), name).map(String::valueOf).orElse(""));
            }
            sb.append('\n');
        }
        Files.writeString(target, sb.toString());
    }

    static double[] scores(ConfidenceModel model, List<List<ConfidenceScorer.Reading>> readings) {
        ConfidenceScorer scorer = new ConfidenceScorer(model, List.of());
        double[] scores = new double[readings.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.confidence(scorer.logit(readings.get(i)));
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
}
