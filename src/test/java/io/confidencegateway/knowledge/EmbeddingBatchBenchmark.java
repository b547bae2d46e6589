package io.confidencegateway.knowledge;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-off measurement (not a test) behind {@link PassageEmbedder}'s one text per model run: CPU per passage and
 * the lowest cosine to the text run alone, for runs of 1 to 64 passages of {@link LargeMarkdown} (each about 128
 * tokens, the model's limit). Run with {@code java -cp target/test-classes:target/classes:<test classpath>
 * io.confidencegateway.knowledge.EmbeddingBatchBenchmark [passages]}.
 */
public final class EmbeddingBatchBenchmark {

    private EmbeddingBatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        BatchBertEncoder encoder = PassageEmbedder.load();
        List<BatchBertEncoder.Tokens> tokens = new ArrayList<>();
        for (String section : LargeMarkdown.generate(count * 450L, 11).split("\n\n## ")) {
            tokens.add(encoder.tokenize("## " + section));
        }
        tokens = tokens.subList(1, Math.min(tokens.size(), count + 1));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            List<float[]> alone = new ArrayList<>();
            long cpu = threads.getCurrentThreadCpuTime();
            for (BatchBertEncoder.Tokens text : tokens) {
                alone.add(encoder.embed(List.of(text))[0]);
            }
            report(round, 1, threads.getCurrentThreadCpuTime() - cpu, tokens.size(), 1.0);
            for (int size : new int[] {4, 8, 16, 32, 64}) {
                cpu = threads.getCurrentThreadCpuTime();
                double lowest = 1;
                for (int from = 0; from < tokens.size(); from += size) {
                    float[][] vectors = encoder.embed(tokens.subList(from, Math.min(tokens.size(), from + size)));
                    for (int i = 0; i < vectors.length; i++) {
                        lowest = Math.min(lowest, HybridRetriever.cosine(vectors[i], alone.get(from + i)));
                    }
                }
                report(round, size, threads.getCurrentThreadCpuTime() - cpu, tokens.size(), lowest);
            }
        }
        System.exit(0);
    }

    private static void report(int round, int size, long cpuNanos, int texts, double lowestCosine) {
        System.out.printf("round %d, %2d per run: %.2f ms CPU per passage, lowest cosine to alone %.4f%n", round,
                size, cpuNanos / 1e6 / texts, lowestCosine);
    }
}
