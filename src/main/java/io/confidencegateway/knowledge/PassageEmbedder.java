package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

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

    /** Shared with the token-vector signals: one permit per core around each model run (see MiniLmSession). */
    private final Semaphore running = MiniLmSession.PERMITS;

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
     * The model over the process's one ONNX session ({@link MiniLmSession}, which says why it is our own session):
     * each embedding runs on the calling worker thread, and a batch is embedded in that thread too.
     */
    private static EmbeddingModel load() {
        try (InputStream tokenizer = MiniLmSession.tokenizer()) {
            return new InCallerThread(new OnnxBertBiEncoder(OrtEnvironment.getEnvironment(), MiniLmSession.session(),
                    tokenizer, PoolingMode.MEAN));
        } catch (IOException failure) {
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
