package io.confidencegateway.confidence.align;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.eval.CrossValidation;
import io.confidencegateway.confidence.eval.EvalRow;
import io.confidencegateway.confidence.text.Words;

/**
 * Word-level features of every answer of a span-labelled JSONL file (RAGTruth: {@code hallucination_spans} with
 * character offsets into the answer), for prototyping a token-level hallucination detector offline (issue #13, the
 * LettuceDetect idea on frozen features). One TSV line per answer word: row, grouped-CV fold (by
 * {@code ragtruth_source_id}, else by domain; the same folds as bench/eval.sh), the word's span label, lexical
 * features and the best MiniLM cosine with a passage token; and, in a big-endian float32 side file, the word's
 * contextual vector (mean of its pieces) followed by the mean of the passage vectors its pieces matched best
 * (2 x 384 values per word). Not part of the build's tests; run with
 * {@code CLASS=SpanFeatureDump bench/align-measure.sh FILE OUT_PREFIX [THREADS]} (bench/span_proto.py reads it).
 */
public final class SpanFeatureDump {

    private static final int D = TokenEmbedder.DIMENSIONS;

    private SpanFeatureDump() {
    }

    record Word(int start, int end, String text, int label, boolean content, double best, double idf,
            boolean inPassage, boolean inQuestion, float[] vector, float[] match) {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String out = args[1];
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<EvalRow> rows = EvalRow.read(file);
        List<List<int[]>> spans = spans(file);
        int[] fold = CrossValidation.folds(rows.stream().map(SpanFeatureDump::group).toList(), 5);
        Map<String, TokenVectors> passageCache = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Word>>> jobs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            EvalRow row = rows.get(i);
            List<int[]> rowSpans = spans.get(i);
            jobs.add(pool.submit(() -> words(row, rowSpans, passageCache)));
        }
        long started = System.nanoTime();
        try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(Path.of(out + ".tsv"), StandardCharsets.UTF_8));
                DataOutputStream vec = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(Path.of(out + ".f32")), 1 << 20))) {
            tsv.println("row\tfold\tlabel\tresponse_label\tword_index\twords\tstart\tcontent\tbest\tidf\tin_passage"
                    + "\tin_question\tnumber\tcapital\ttext");
            for (int i = 0; i < rows.size(); i++) {
                List<Word> words = jobs.get(i).get();
                for (int w = 0; w < words.size(); w++) {
                    Word x = words.get(w);
                    boolean number = x.text().chars().anyMatch(Character::isDigit);
                    boolean capital = Character.isUpperCase(x.text().charAt(0));
                    tsv.printf(Locale.ROOT, "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.4f\t%.4f\t%d\t%d\t%d\t%d\t%s%n", i,
                            fold[i], x.label(), rows.get(i).label(), w, words.size(), x.start(), x.content() ? 1 : 0,
                            x.best(), x.idf(), x.inPassage() ? 1 : 0, x.inQuestion() ? 1 : 0, number ? 1 : 0,
                            capital ? 1 : 0, x.text().replaceAll("\\s", " "));
                    write(vec, x.vector());
                    write(vec, x.match());
                }
                if ((i + 1) % 200 == 0) {
                    System.err.printf(Locale.ROOT, "%d rows, %.1f ms/row%n", i + 1,
                            (System.nanoTime() - started) / 1e6 / (i + 1));
                }
            }
        }
        pool.shutdown();
    }

    /** The row's CV group: its RAGTruth source, else its domain (SummEdits: leave one domain out). */
    private static String group(EvalRow row) {
        String source = row.field("ragtruth_source_id");
        return source != null ? source : String.valueOf(row.group());
    }

    private static void write(DataOutputStream out, float[] v) throws IOException {
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    /** Character spans {@code [start, end)} of each row's hallucinations, in file order. */
    static List<List<int[]>> spans(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<List<int[]>> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            List<int[]> row = new ArrayList<>();
            for (JsonNode s : json.readTree(line).path("hallucination_spans")) {
                row.add(new int[] {s.get("start").asInt(), s.get("end").asInt()});
            }
            out.add(row);
        }
        return out;
    }

    static List<Word> words(EvalRow row, List<int[]> spans, Map<String, TokenVectors> passageCache) {
        TokenVectors answer = TokenEmbedder.shared().embed(row.answer());
        List<TokenVectors> passages = new ArrayList<>();
        Set<String> passageWords = new HashSet<>();
        for (Passage p : row.passages()) {
            passages.add(passageCache.computeIfAbsent(p.text(), TokenEmbedder.shared()::embed));
            for (String t : Words.tokens(p.text())) {
                passageWords.add(Words.stem(t));
            }
        }
        Set<String> questionWords = new HashSet<>();
        for (String t : Words.tokens(row.question())) {
            questionWords.add(Words.stem(t));
        }
        List<Word> out = new ArrayList<>();
        for (int[] w : TokenAlignment.words(answer)) {
            int start = answer.starts()[w[0]];
            int end = answer.ends()[w[1] - 1];
            String text = answer.text().substring(start, end);
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.chars().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            int label = 0;
            for (int[] s : spans) {
                if (start < s[1] && end > s[0]) {
                    label = 1;
                }
            }
            float[] vector = new float[D];
            float[] match = new float[D];
            double weighted = 0;
            double weights = 0;
            double idf = 0;
            for (int i = w[0]; i < w[1]; i++) {
                float[] a = answer.vector(i);
                int[] at = best(a, passages);
                double cos = at == null ? 0 : passages.get(at[0]).dot(at[1], a, 0);
                double weight = TokenWeights.of(answer.ids()[i]);
                weighted += weight * cos;
                weights += weight;
                idf = Math.max(idf, weight);
                for (int d = 0; d < D; d++) {
                    vector[d] += a[d] / (w[1] - w[0]);
                    if (at != null) {
                        match[d] += passages.get(at[0]).vectors()[at[1] * D + d] / (w[1] - w[0]);
                    }
                }
            }
            String stem = Words.stem(lower);
            out.add(new Word(start, end, text, label, TokenAlignment.isContent(lower), weighted / weights, idf,
                    passageWords.contains(stem), questionWords.contains(stem), vector, match));
        }
        return out;
    }

    /** Passage and token index of the passage token most similar to {@code a} (word-like tokens only). */
    private static int[] best(float[] a, List<TokenVectors> passages) {
        int[] at = null;
        double best = -2;
        for (int p = 0; p < passages.size(); p++) {
            TokenVectors passage = passages.get(p);
            for (int j = 0; j < passage.size(); j++) {
                String token = passage.tokens().get(j);
                if (token.chars().noneMatch(Character::isLetterOrDigit)) {
                    continue;
                }
                double c = passage.dot(j, a, 0);
                if (c > best) {
                    best = c;
                    at = new int[] {p, j};
                }
            }
        }
        return at;
    }
}
