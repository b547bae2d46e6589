package io.confidencegateway.knowledge;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
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

    /** The unit-length embedding of one text. */
    public float[] embed(String text) {
        return model().embed(text).content().vector();
    }

    /** Embeddings of the texts, in order. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model().embedAll(segments).content().stream().map(e -> e.vector()).toList();
    }

    /** Loads the model now, so that the first real call does not wait for it. */
    public void warmUp() {
        long started = System.nanoTime();
        embed("warm up");
        LOG.infof("Embedding model all-MiniLM-L6-v2 (int8) ready in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    // The first instance runs the class's static initializer, which reads the ONNX model from the jar.
                    loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    model = loaded;
                }
            }
        }
        return loaded;
    }
}
