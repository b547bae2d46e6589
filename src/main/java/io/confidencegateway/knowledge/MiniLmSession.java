package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The one ONNX session of all-MiniLM-L6-v2 (int8) in this process, shared by the passage embedder (pooled vectors)
 * and the confidence signals that read the model's token vectors: loading it twice would cost a second hundred
 * megabytes of the 400 MB budget. Loaded on first use, never at class-load time of the application. An
 * {@link OrtSession} may be run from several threads at once.
 */
public final class MiniLmSession {

    /**
     * Model runs are CPU-bound: more of them at once than there are cores only adds native memory (each run holds
     * its activations) and context switches. Under 64 concurrent product answers on one core, unbounded runs
     * pushed the RSS past the 400 MB budget (#7); callers beyond the limit wait on their worker thread. The
     * token-vector signals take one of these around each {@code run}; the passage embedder has its own permits,
     * which let answers go ahead of indexing ({@code EmbeddingPermits}).
     */
    public static final Semaphore PERMITS = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()),
            true);

    private static volatile OrtSession session;

    private MiniLmSession() {
    }

    /** The shared session, loaded now if it is not yet. */
    public static OrtSession session() {
        OrtSession loaded = session;
        if (loaded == null) {
            synchronized (MiniLmSession.class) {
                loaded = session;
                if (loaded == null) {
                    loaded = load();
                    session = loaded;
                }
            }
        }
        return loaded;
    }

    /** The model's tokenizer definition (HuggingFace {@code tokenizer.json}); the caller closes the stream. */
    public static InputStream tokenizer() {
        InputStream in = jar().getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
        if (in == null) {
            throw new IllegalStateException("the all-MiniLM-L6-v2 (int8) tokenizer is missing from the classpath");
        }
        return in;
    }

    /**
     * Our own session rather than langchain4j's default one. The default session keeps an intra-op thread pool
     * whose threads spin while they wait for work: on the benchmark's single core they took about half of the CPU
     * of every product answer (#7). Here each run happens on the calling worker thread, without spinning; runs on
     * different workers still go in parallel on a machine with more cores.
     */
    private static OrtSession load() {
        try (InputStream modelFile = jar().getResourceAsStream("/all-minilm-l6-v2-q.onnx");
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (modelFile == null) {
                throw new IllegalStateException("the all-MiniLM-L6-v2 (int8) model is missing from the classpath");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setCPUArenaAllocator(false);
            return OrtEnvironment.getEnvironment().createSession(modelFile.readAllBytes(), options);
        } catch (IOException | OrtException failure) {
            throw new IllegalStateException("the embedding model could not be loaded: " + failure.getMessage(),
                    failure);
        }
    }

    /**
     * Resources of the model jar; reading them does not run AllMiniLmL6V2QuantizedEmbeddingModel's static
     * initializer (which would build the default session).
     */
    private static Class<?> jar() {
        return AllMiniLmL6V2QuantizedEmbeddingModel.class;
    }
}
