package io.confidencegateway.confidence.align;

import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.confidencegateway.knowledge.MiniLmSession;

/**
 * Token vectors of a text from all-MiniLM-L6-v2's {@code last_hidden_state}, on the calling thread, over the
 * process's one ONNX session (shared with the passage embedder, and under the same per-core permits). The model
 * was trained on at most 256 positions, so a longer text is cut into overlapping windows and each token keeps the
 * vector of the window where it has the most context on both sides. The model and tokenizer load on first use.
 */
public final class TokenEmbedder {

    /** Vector size of the model. */
    public static final int DIMENSIONS = 384;
    /** Word pieces per window, besides [CLS] and [SEP] (256 positions in all, the model's training length). */
    static final int WINDOW = 254;
    /** Pieces two neighbouring windows share; each side keeps half, so every kept token has 32 pieces of context. */
    static final int OVERLAP = 64;

    private static final TokenEmbedder SHARED = new TokenEmbedder(WINDOW, OVERLAP);

    private final int window;
    private final int overlap;
    private volatile WordPieceTokenizer tokenizer;

    TokenEmbedder(int window, int overlap) {
        if (window < 2 || overlap < 0 || overlap >= window) {
            throw new IllegalArgumentException("need 0 <= overlap < window, window >= 2");
        }
        this.window = window;
        this.overlap = overlap;
    }

    /** The embedder every signal uses. */
    public static TokenEmbedder shared() {
        return SHARED;
    }

    /** The tokens of {@code text} and their unit-length contextual vectors. */
    public TokenVectors embed(String text) {
        WordPieceTokenizer t = tokenizer();
        WordPieceTokenizer.Pieces pieces = t.tokenize(text);
        int n = pieces.size();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = pieces.ids()[i];
        }
        float[] vectors = new float[n * DIMENSIONS];
        OrtSession session = n == 0 ? null : MiniLmSession.session();
        for (Window w : windows(n, window, overlap)) {
            float[][] hidden = run(session, t, Arrays.copyOfRange(ids, w.start(), w.end()));
            for (int i = w.keepFrom(); i < w.keepTo(); i++) {
                // Position 0 of the run is [CLS].
                normalizeInto(hidden[i - w.start() + 1], vectors, i * DIMENSIONS);
            }
        }
        return new TokenVectors(text, pieces.tokens(), pieces.ids(), pieces.starts(), pieces.ends(), vectors,
                DIMENSIONS);
    }

    /** A run of the model over one window, with the permit held only while the model runs. */
    private static float[][] run(OrtSession session, WordPieceTokenizer t, long[] pieces) {
        int length = pieces.length + 2;
        long[] inputIds = new long[length];
        inputIds[0] = t.cls;
        System.arraycopy(pieces, 0, inputIds, 1, pieces.length);
        inputIds[length - 1] = t.sep;
        long[] mask = new long[length];
        Arrays.fill(mask, 1);
        long[] shape = {1, length};
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        MiniLmSession.PERMITS.acquireUninterruptibly();
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[length]),
                        shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idsTensor);
            inputs.put("attention_mask", maskTensor);
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", typeTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue hidden = result.get("last_hidden_state").orElseGet(() -> result.get(0));
                return ((float[][][]) hidden.getValue())[0];
            }
        } catch (OrtException failure) {
            throw new IllegalStateException("the token embedding failed: " + failure.getMessage(), failure);
        } finally {
            MiniLmSession.PERMITS.release();
        }
    }

    private static void normalizeInto(float[] v, float[] out, int offset) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            out[offset + d] = v[d] * scale;
        }
    }

    /** One model run over pieces {@code [start, end)}, whose vectors are kept for pieces {@code [keepFrom, keepTo)}. */
    record Window(int start, int end, int keepFrom, int keepTo) {
    }

    /**
     * Windows of at most {@code size} pieces over {@code n}, each overlapping the one before by {@code overlap}; the
     * kept ranges tile {@code [0, n)} exactly, and a boundary between two of them sits in the middle of the overlap.
     */
    static List<Window> windows(int n, int size, int overlap) {
        List<Window> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        int step = size - overlap;
        int keepFrom = 0;
        for (int start = 0;; start += step) {
            int end = Math.min(n, start + size);
            if (end == n) {
                out.add(new Window(Math.max(0, n - size), n, keepFrom, n));
                return out;
            }
            int keepTo = end - overlap / 2;
            out.add(new Window(start, end, keepFrom, keepTo));
            keepFrom = keepTo;
        }
    }

    private WordPieceTokenizer tokenizer() {
        WordPieceTokenizer loaded = tokenizer;
        if (loaded == null) {
            synchronized (this) {
                loaded = tokenizer;
                if (loaded == null) {
                    try (InputStream json = MiniLmSession.tokenizer()) {
                        loaded = WordPieceTokenizer.read(json);
                    } catch (IOException failure) {
                        throw new IllegalStateException("the tokenizer could not be loaded: " + failure.getMessage(),
                                failure);
                    }
                    tokenizer = loaded;
                }
            }
        }
        return loaded;
    }
}
