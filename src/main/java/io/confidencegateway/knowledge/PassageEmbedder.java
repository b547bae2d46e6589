package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Embeds passages and questions with all-MiniLM-L6-v2 (int8, 384 dimensions, in-process ONNX, no network). The
 * model is loaded on first use or by {@link #warmUp()}, never at class-load time of the application, because
 * loading takes about a second and a hundred megabytes: start-up must not wait for it. Callers run on worker
 * threads.
 */
@ApplicationScoped
public class PassageEmbedder {

    /** Dimensions of the model's vectors. */
    public static final int DIMENSIONS = 384;

    private static final Logger LOG = Logger.getLogger(PassageEmbedder.class);

    private volatile EmbeddingModel model;

    /**
     * Embeddings are CPU-bound: more of them at once than there are cores only adds native memory (each run holds
     * its activations) and context switches. Under 64 concurrent product answers on one core, unbounded runs
     * pushed the RSS past the 400 MB budget (#7); callers beyond the limit wait on their worker thread.
     */
    private final Semaphore running = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    /** The unit-length embedding of one text. */
    public float[] embed(String text) {
        EmbeddingModel loaded = model();
        running.acquireUninterruptibly();
        try {
            return loaded.embed(text).content().vector();
        } finally {
            running.release();
        }
    }

    /**
     * Embeddings of the texts, in order. Each text takes the permit on its own, so that a large upload does not hold
     * every product answer's question embedding back until the whole document is embedded.
     */
    public List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    /** Loads the model now, so that the first real call does not wait for it. */
    public void warmUp() {
        long started = System.nanoTime();
        embed("warm up");
        LOG.infof("Embedding model all-MiniLM-L6-v2 (int8) ready in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The model with our own ONNX session rather than langchain4j's default one. The default session keeps an
     * intra-op thread pool whose threads spin while they wait for work: on the benchmark's single core they took
     * about half of the CPU of every product answer (#7). Here each embedding runs on the calling worker thread,
     * without spinning, and a batch is embedded in that thread too; requests on different workers still run in
     * parallel on a machine with more cores.
     */
    private static EmbeddingModel load() {
        // Resources of the model jar; reading them does not run AllMiniLmL6V2QuantizedEmbeddingModel's static
        // initializer (which would build the default session).
        Class<?> jar = AllMiniLmL6V2QuantizedEmbeddingModel.class;
        try (InputStream modelFile = jar.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
                InputStream tokenizer = jar.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (modelFile == null || tokenizer == null) {
                throw new IllegalStateException("the all-MiniLM-L6-v2 (int8) model is missing from the classpath");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setCPUArenaAllocator(false);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(modelFile.readAllBytes(), options);
            return new InCallerThread(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
        } catch (IOException | OrtException failure) {
            throw new IllegalStateException("the embedding model could not be loaded: " + failure.getMessage(),
                    failure);
        }
    }

    /** langchain4j's in-process model over our encoder, running every embedding on the calling thread. */
    private static final class InCallerThread extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        InCallerThread(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
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
