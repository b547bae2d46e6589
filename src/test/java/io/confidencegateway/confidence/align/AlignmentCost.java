package io.confidencegateway.confidence.align;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.eval.EvalRow;

/**
 * Cost of the token alignment for one answer of about 150 words against 5 passages of about 80 words (RAGTruth QA
 * rows): cold (no passage vectors kept: the passages are embedded too) and warm (passage vectors cached, the answer
 * pays for its own tokens and the matching). Prints p50 and p99 in ms on the calling thread, and the parts.
 * Run with bench/align-measure.sh FILE --cost (the class is chosen by the script's CLASS variable).
 */
public final class AlignmentCost {

    private AlignmentCost() {
    }

    public static void main(String[] args) throws Exception {
        List<EvalRow> rows = EvalRow.read(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        List<ScoringContext> contexts = new ArrayList<>();
        for (int i = 0; i < rows.size() && contexts.size() < rounds; i++) {
            EvalRow row = rows.get(i);
            ScoringContext probe = ScoringContext.of(row.question(), List.of(), row.answer(), null);
            int words = probe.answerText().wordCount();
            List<Passage> passages = new ArrayList<>(row.passages());
            for (int j = i + 4; passages.size() < 5 && j < rows.size(); j += 4) {
                passages.addAll(rows.get(j).passages());
            }
            if (words >= 135 && words <= 165 && passages.size() >= 5) {
                contexts.add(ScoringContext.of(row.question(), passages.subList(0, 5), row.answer(), null));
            }
        }
        TokenEmbedder embedder = TokenEmbedder.shared();
        embedder.embed("warm up the model and the JIT");
        // JIT warm-up on other rows' passages, not measured.
        for (ScoringContext c : contexts.subList(0, Math.min(5, contexts.size()))) {
            Alignments.compute(c, embedder, new PassageTokenCache(1 << 20, embedder::embed));
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] coldCpu = new double[contexts.size()];
        double[] warmCpu = new double[contexts.size()];
        double[] answerCpu = new double[contexts.size()];
        double[] cold = new double[contexts.size()];
        double[] warm = new double[contexts.size()];
        double[] answerOnly = new double[contexts.size()];
        for (int k = 0; k < contexts.size(); k++) {
            ScoringContext c = contexts.get(k);
            PassageTokenCache cache = new PassageTokenCache(1 << 20, embedder::embed);
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Alignments.compute(c, embedder, cache);
            long c1 = cpu.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            Alignments.compute(c, embedder, cache);
            long c2 = cpu.getCurrentThreadCpuTime();
            long t2 = System.nanoTime();
            embedder.embed(c.answer());
            long c3 = cpu.getCurrentThreadCpuTime();
            long t3 = System.nanoTime();
            coldCpu[k] = (c1 - c0) / 1e6;
            warmCpu[k] = (c2 - c1) / 1e6;
            answerCpu[k] = (c3 - c2) / 1e6;
            cold[k] = (t1 - t0) / 1e6;
            warm[k] = (t2 - t1) / 1e6;
            answerOnly[k] = (t3 - t2) / 1e6;
        }
        System.out.printf(Locale.ROOT, "%d answers of 135-165 words vs 5 passages, one thread%n", contexts.size());
        System.out.println("wall-clock time:");
        print("cold (passages embedded too)", cold);
        print("warm (passage vectors cached)", warm);
        print("  of which the answer's model run", answerOnly);
        System.out.println("CPU time of the calling thread (less sensitive to other processes on the machine):");
        print("cold", coldCpu);
        print("warm", warmCpu);
        print("  of which the answer's model run", answerCpu);
    }

    private static void print(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-34s p50 %6.1f ms  p99 %6.1f ms  mean %6.1f ms%n", what,
                s[s.length / 2], s[(int) Math.ceil(0.99 * (s.length - 1))], Arrays.stream(s).average().orElse(0));
    }
}
