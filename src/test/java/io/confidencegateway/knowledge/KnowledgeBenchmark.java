package io.confidencegateway.knowledge;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * A one-off measurement of the knowledge base outside Quarkus (not a test): embedding-model load time and RSS,
 * ingest latency of the demo knowledge base (type check, extraction, chunking, embedding, indexing; the database
 * insert is left out), retrieval latency over the demo question set, and hit@1 / hit@3. Run with
 * {@code java -cp target/test-classes:target/classes:<test classpath>
 * io.confidencegateway.knowledge.KnowledgeBenchmark}.
 */
public final class KnowledgeBenchmark {

    private static final int INGEST_ROUNDS = 5;
    private static final int QUERY_ROUNDS = 2;

    private KnowledgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rssBefore = rssKb();
        PassageEmbedder embedder = new PassageEmbedder();
        long loadStart = System.nanoTime();
        embedder.warmUp();
        long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
        long rssAfter = rssKb();
        System.out.printf("model load %d ms; RSS %d MB -> %d MB (+%d MB)%n", loadMs, rssBefore / 1024,
                rssAfter / 1024, (rssAfter - rssBefore) / 1024);

        Path dir = Files.createTempDirectory("kb-bench");
        LucenePassageIndex index = new LucenePassageIndex(dir.resolve("index"));
        PassageChunker chunker = new PassageChunker(700);
        List<Long> ingestMs = new ArrayList<>();
        List<Long> ingestCpuMs = new ArrayList<>();
        String product = null;
        for (int round = 0; round < INGEST_ROUNDS; round++) {
            product = "bench-" + round;
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            for (String file : DemoKnowledge.FILES) {
                ingest(index, chunker, embedder, product, file, read(file));
            }
            ingestMs.add((System.nanoTime() - start) / 1_000_000);
            ingestCpuMs.add((processCpuNanos() - cpuStart) / 1_000_000);
        }
        // On a shared machine wall time includes waiting for a core; CPU time is what the work itself costs.
        System.out.printf("ingest of the demo KB (3 documents): median %d ms wall, %d ms CPU (all threads) over %d "
                + "rounds %s%n", median(ingestMs), median(ingestCpuMs), INGEST_ROUNDS, ingestMs);

        HybridRetriever retriever = new HybridRetriever(index, embedder, config());
        List<DemoKnowledgeTest.Question> questions = DemoKnowledgeTest.questions();
        List<Long> micros = new ArrayList<>();
        List<Long> cpuMicros = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int at1 = 0;
        int at3 = 0;
        for (int round = 0; round < QUERY_ROUNDS; round++) {
            for (DemoKnowledgeTest.Question question : questions) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                List<RetrievedPassage> top = retriever.retrieveNow(product, question.text(), 3);
                micros.add((System.nanoTime() - start) / 1_000);
                cpuMicros.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1_000);
                if (round == 0) {
                    at1 += !top.isEmpty() && question.answeredBy(top.get(0)) ? 1 : 0;
                    at3 += top.stream().anyMatch(question::answeredBy) ? 1 : 0;
                }
            }
        }
        Collections.sort(micros);
        System.out.printf("retrieval (k=3): p50 %.1f ms, p95 %.1f ms wall, p50 %.1f ms CPU over %d queries%n",
                micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 95 / 100) / 1000.0,
                median(cpuMicros) / 1000.0, micros.size());
        System.out.printf("hit@1 %d/%d, hit@3 %d/%d%n", at1, questions.size(), at3, questions.size());
        IndexFiles.delete(index);
        Files.deleteIfExists(dir);
        System.exit(0);
    }

    private static void ingest(PassageIndex index, PassageChunker chunker, PassageEmbedder embedder, String product,
            String file, byte[] bytes) throws Exception {
        DocumentFormat format = DocumentTypePolicy.detect(file, null, bytes);
        ExtractedText text = format == DocumentFormat.PDF ? PdfExtractor.extract(file, bytes)
                : TextExtractor.extract(file, bytes);
        List<Chunk> chunks = chunker.chunk(text, format);
        List<float[]> vectors = embedder.embedAll(chunks.stream().map(Chunk::text).toList());
        UUID documentId = UUID.randomUUID();
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            passages.add(new Passage(UUID.randomUUID(), documentId, product, file, i, c.page(), c.start(), c.end(),
                    c.text(), vectors.get(i)));
        }
        index.add(passages);
    }

    private static byte[] read(String file) throws Exception {
        try (InputStream in = KnowledgeBenchmark.class.getResourceAsStream("/demo/support-copilot/" + file)) {
            return Objects.requireNonNull(in, file).readAllBytes();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long rssKb() throws Exception {
        Optional<String> line = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst();
        return line.map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    }

    private static KnowledgeConfig config() {
        return new KnowledgeConfig() {
            @Override
            public MemorySize maxDocumentSize() {
                return new MemorySize(java.math.BigInteger.valueOf(10L << 20));
            }

            @Override
            public int passageChars() {
                return 700;
            }

            @Override
            public int candidates() {
                return 20;
            }

            @Override
            public int indexingThreads() {
                return 1;
            }

            @Override
            public boolean warmUp() {
                return false;
            }

            @Override
            public java.time.Duration syncInterval() {
                return java.time.Duration.ofSeconds(2);
            }

            @Override
            public java.time.Duration indexingLease() {
                return java.time.Duration.ofSeconds(30);
            }
        };
    }
}
