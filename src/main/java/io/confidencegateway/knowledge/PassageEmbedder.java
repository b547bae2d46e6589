package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * Embeds passages and questions with all-MiniLM-L6-v2 (int8, 384 dimensions, in-process ONNX, no network). The
 * model is loaded on first use or by {@link #warmUp()}, never at class-load time of the application, because
 * loading takes about a second and a hundred megabytes: start-up must not wait for it. Callers run on worker
 * threads; each text is one model run on the calling thread, under a permit per core that answers get first.
 *
 * <p>Texts are not padded into multi-text runs: with this int8 model a batched run shifts the vectors (lowest
 * cosine 0.987-0.990 to the text run alone, because the dynamic quantisation takes its range over the whole batch)
 * and saves no CPU (per 128-token passage: 8.5-8.8 ms alone, 8.4-8.9 ms in runs of 4-8, 11-21 ms in runs of 16-64;
 * {@code EmbeddingBatchBenchmark}).
 */
@ApplicationScoped
public class PassageEmbedder {

    /** Dimensions of the model's vectors. */
    public static final int DIMENSIONS = 384;

    private static final Logger LOG = Logger.getLogger(PassageEmbedder.class);

    private volatile BatchBertEncoder model;

    /**
     * Embeddings are CPU-bound: more of them at once than there are cores only adds native memory (each run holds
     * its activations) and context switches. Under 64 concurrent product answers on one core, unbounded runs
     * pushed the RSS past the 400 MB budget (#7); callers beyond the limit wait on their worker thread.
     */
    private final EmbeddingPermits permits = new EmbeddingPermits(
            Math.max(1, Runtime.getRuntime().availableProcessors()));

    /** The unit-length embedding of a question (or any text an answer waits for): ahead of indexing work. */
    public float[] embed(String text) {
        BatchBertEncoder loaded = model();
        BatchBertEncoder.Tokens tokens = loaded.tokenize(text);
        permits.acquireForAnswer();
        try {
            return loaded.embed(List.of(tokens))[0];
        } catch (OrtException failure) {
            throw new IllegalStateException("the embedding model failed: " + failure.getMessage(), failure);
        } finally {
            permits.release();
        }
    }

    /**
     * Embeddings of passages being indexed, in order, one model run per text on the calling thread; each run takes
     * a permit no answer is waiting for.
     */
    public List<float[]> embedAll(List<String> texts) {
        BatchBertEncoder loaded = model();
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            BatchBertEncoder.Tokens tokens = loaded.tokenize(text);
            permits.acquireForIndexing();
            try {
                vectors.add(loaded.embed(List.of(tokens))[0]);
            } catch (OrtException failure) {
                throw new IllegalStateException("the embedding model failed: " + failure.getMessage(), failure);
            } finally {
                permits.release();
            }
        }
        return vectors;
    }

    /** Loads the model now, so that the first real call does not wait for it. */
    public void warmUp() {
        long started = System.nanoTime();
        embed("warm up");
        LOG.infof("Embedding model all-MiniLM-L6-v2 (int8) ready in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The encoder over the process's one ONNX session ({@link MiniLmSession}, which says why it is our own session):
     * each embedding runs on the calling worker thread.
     */
    static BatchBertEncoder load() {
        try (InputStream tokenizer = MiniLmSession.tokenizer()) {
            return new BatchBertEncoder(OrtEnvironment.getEnvironment(), MiniLmSession.session(), tokenizer);
        } catch (IOException | OrtException failure) {
            throw new IllegalStateException("the embedding model could not be loaded: " + failure.getMessage(),
                    failure);
        }
    }

    private BatchBertEncoder model() {
        BatchBertEncoder loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = load();
                    model = loaded;
                }
            }
        }
        return loaded;
    }
}
