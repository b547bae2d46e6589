package io.confidencegateway.confidence.align;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.eval.EvalRow;
import io.confidencegateway.confidence.eval.Metrics;
import io.confidencegateway.confidence.signals.TokenAlignmentSignal;
import io.confidencegateway.confidence.signals.TokenMatchShareSignal;
import io.confidencegateway.confidence.signals.UnmatchedWordsSignal;
import io.confidencegateway.confidence.signals.WorstSentenceAlignmentSignal;

/**
 * Measures the token-alignment signals on a labelled JSONL file (the RAGTruth QA training set): each signal's AUROC
 * alone (higher value = faithful, so AUROC above 0.5 means it ranks label-0 rows above label-1 rows), within
 * answer-length quintiles, and with {@code --sweep} the same numbers for other close-match thresholds and weights.
 * Not part of the build's tests; run with bench/align-measure.sh FILE [--sweep].
 */
public final class AlignmentMeasurement {

    private static final int SHOW = Integer.getInteger("show", 0);

    private AlignmentMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        List<EvalRow> rows = EvalRow.read(Path.of(args[0]));
        boolean sweep = args.length > 1 && args[1].equals("--sweep");
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : rows.size();
        rows = rows.subList(0, Math.min(limit, rows.size()));
        List<ConfidenceSignal> signals = List.of(new TokenAlignmentSignal(), new WorstSentenceAlignmentSignal(),
                new TokenMatchShareSignal(), new UnmatchedWordsSignal());
        Map<String, double[]> values = new LinkedHashMap<>();
        signals.forEach(s -> values.put(s.name(), new double[0]));
        int n = rows.size();
        boolean[] faithful = new boolean[n];
        double[] length = new double[n];
        Map<String, List<Double>> collected = new LinkedHashMap<>();
        List<Integer> applied = new ArrayList<>();
        double[] thresholds = {0.55, 0.6, 0.65, 0.7, 0.75, 0.8};
        Map<String, IntToDoubleFunction> weightings = new LinkedHashMap<>();
        weightings.put("vocab-idf", TokenWeights::of);

        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            EvalRow row = rows.get(i);
            ScoringContext context = ScoringContext.of(row.question(), row.passages(), row.answer(), null);
            faithful[i] = row.faithful();
            length[i] = context.answerText().wordCount();
            boolean all = true;
            for (ConfidenceSignal signal : signals) {
                var result = signal.evaluate(context);
                all &= result.isPresent();
                collected.computeIfAbsent(signal.name(), k -> new ArrayList<>()).add(result.map(r -> r.value())
                        .orElse(Double.NaN));
            }
            if (all) {
                applied.add(i);
            }
            if (i < SHOW) {
                var a = Alignments.of(context);
                System.out.printf(Locale.ROOT, "#%d label %d: %s%n  unmatched: %s%n", i, row.label(),
                        row.answer().replace('\n', ' '), a.map(AlignmentReasons::allUnmatched).orElse(List.of()));
            }
            if (sweep) {
                var alignment = Alignments.of(context);
                for (var weighting : weightings.entrySet()) {
                    for (double t : thresholds) {
                      for (boolean withQuestion : new boolean[] {false, true}) {
                        var r = alignment.isEmpty() ? null : realign(context, weighting.getValue(), t, withQuestion);
                        String key = weighting.getKey() + " t=" + t + (withQuestion ? " +question" : "");
                        collected.computeIfAbsent("mean " + key, k -> new ArrayList<>()).add(r == null ? Double.NaN
                                : r.scored().stream().mapToDouble(TokenAlignment.Sentence::precision).average()
                                        .orElse(Double.NaN));
                        collected.computeIfAbsent("worst " + key, k -> new ArrayList<>()).add(r == null ? Double.NaN
                                : r.scored().stream().mapToDouble(TokenAlignment.Sentence::precision).min()
                                        .orElse(Double.NaN));
                        collected.computeIfAbsent("matched " + key, k -> new ArrayList<>()).add(r == null
                                ? Double.NaN : 1 - (double) r.unmatchedWords() / r.contentWords());
                        collected.computeIfAbsent("matched-words-sentence-mean " + key, k -> new ArrayList<>()).add(
                                r == null ? Double.NaN : r.scored().stream().mapToDouble(
                                        x -> 1 - (double) x.unmatchedWords() / x.contentWords()).average().orElse(0));
                        collected.computeIfAbsent("matched-words-sentence-worst " + key, k -> new ArrayList<>()).add(
                                r == null ? Double.NaN : r.scored().stream().mapToDouble(
                                        x -> 1 - (double) x.unmatchedWords() / x.contentWords()).min().orElse(0));
                        collected.computeIfAbsent("unmatched-count " + key, k -> new ArrayList<>()).add(r == null
                                ? Double.NaN : -r.unmatchedWords());
                        collected.computeIfAbsent("sentences-unmatched " + key, k -> new ArrayList<>()).add(r == null
                                ? Double.NaN : 1 - r.scored().stream().filter(s -> s.unmatchedWords() > 0).count()
                                        / (double) r.scored().size());
                      }
                    }
                }
            }
            if ((i + 1) % 500 == 0) {
                System.err.printf(Locale.ROOT, "%d rows, %.1f ms/row%n", i + 1, (System.nanoTime() - started) / 1e6
                        / (i + 1));
            }
        }
        System.out.printf(Locale.ROOT, "%d rows (%d faithful), %d with every alignment signal; %.1f ms/row%n", n,
                count(faithful), applied.size(), (System.nanoTime() - started) / 1e6 / n);
        System.out.printf(Locale.ROOT, "length control: AUROC %.3f (shorter = faithful: %.3f)%n",
                Metrics.auroc(length, faithful), Metrics.auroc(negate(length), faithful));
        int[] quintile = quintiles(length);
        System.out.println("signal                                   n   AUROC  | within length quintiles Q1..Q5 | mean");
        for (var entry : collected.entrySet()) {
            double[] v = entry.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(v[i])) {
                    idx.add(i);
                }
            }
            double[] q = new double[5];
            for (int k = 0; k < 5; k++) {
                List<Integer> in = new ArrayList<>();
                for (int i : idx) {
                    if (quintile[i] == k) {
                        in.add(i);
                    }
                }
                q[k] = Metrics.auroc(pick(v, in), pick(faithful, in));
            }
            System.out.printf(Locale.ROOT, "%-38s %5d  %.3f  | %.3f %.3f %.3f %.3f %.3f | %.3f%n", entry.getKey(),
                    idx.size(), Metrics.auroc(pick(v, idx), pick(faithful, idx)), q[0], q[1], q[2], q[3], q[4],
                    Arrays.stream(q).average().orElse(Double.NaN));
        }
    }

    private static TokenAlignment.Result realign(ScoringContext context, IntToDoubleFunction weights, double t,
            boolean withQuestion) {
        StringBuilder joined = new StringBuilder();
        var sentences = context.answerText().sentences();
        int[] starts = new int[sentences.size()];
        for (int s = 0; s < sentences.size(); s++) {
            if (s > 0) {
                joined.append(' ');
            }
            starts[s] = joined.length();
            joined.append(sentences.get(s).text());
        }
        TokenVectors answer = AnswerVectors.last(joined.toString());
        if (AnswerVectors.best == null) {
            List<TokenVectors> passages = new ArrayList<>(context.passages().stream()
                    .map(p -> PassageTokenCache.shared().of(p.text())).toList());
            AnswerVectors.best = TokenAlignment.bestMatches(answer, passages);
            context.question().ifPresent(q -> passages.add(PassageTokenCache.shared().of(q)));
            AnswerVectors.bestWithQuestion = TokenAlignment.bestMatches(answer, passages);
        }
        return TokenAlignment.summarize(answer, withQuestion ? AnswerVectors.bestWithQuestion : AnswerVectors.best,
                starts, weights, t);
    }

    /** Answer quintile (0-4) of each row by answer length, ties broken by position. */
    static int[] quintiles(double[] length) {
        Integer[] order = new Integer[length.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(length[a], length[b]));
        int[] out = new int[length.length];
        for (int r = 0; r < order.length; r++) {
            out[order[r]] = Math.min(4, r * 5 / order.length);
        }
        return out;
    }

    private static double[] negate(double[] v) {
        return Arrays.stream(v).map(x -> -x).toArray();
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            c += x ? 1 : 0;
        }
        return c;
    }

    private static double[] pick(double[] v, List<Integer> idx) {
        return idx.stream().mapToDouble(i -> v[i]).toArray();
    }

    private static boolean[] pick(boolean[] v, List<Integer> idx) {
        boolean[] out = new boolean[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[idx.get(i)];
        }
        return out;
    }

    /** The last answer's vectors, so that a sweep does not embed every answer once per setting. */
    static final class AnswerVectors {
        private static String text;
        private static TokenVectors vectors;
        static double[] best;
        static double[] bestWithQuestion;

        static synchronized TokenVectors last(String answer) {
            if (!answer.equals(text)) {
                vectors = TokenEmbedder.shared().embed(answer);
                text = answer;
                best = null;
            }
            return vectors;
        }
    }
}
