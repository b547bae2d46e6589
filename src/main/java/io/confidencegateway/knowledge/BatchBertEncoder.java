package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Texts through the BERT model in one ONNX run: each tokenised once, token ids padded to the longest text of the
 * run, an attention mask that hides the padding, mean pooling over the unmasked tokens, unit length. It reads the
 * tokenizer with langchain4j's options (it truncates to the model's 128 tokens), so a text run alone comes out as
 * from langchain4j's {@code OnnxBertBiEncoder}, which tokenises each text three times. {@link PassageEmbedder} runs
 * one text per run (why: see there); {@code EmbeddingBatchBenchmark} measures larger runs.
 */
final class BatchBertEncoder {

    /** A text as token ids, special tokens included. */
    record Tokens(long[] ids, long[] typeIds) {
        int length() {
            return ids.length;
        }
    }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean tokenTypes;

    BatchBertEncoder(OrtEnvironment environment, OrtSession session, InputStream tokenizerJson) throws IOException,
            OrtException {
        this.environment = environment;
        this.session = session;
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false"));
        Set<String> inputs = session.getInputNames();
        this.tokenTypes = inputs.contains("token_type_ids");
    }

    Tokens tokenize(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        return new Tokens(encoding.getIds(), encoding.getTypeIds());
    }

    /** The unit-length mean-pooled embeddings of the texts, in order; one model run for all of them. */
    float[][] embed(List<Tokens> batch) throws OrtException {
        int rows = batch.size();
        int width = 0;
        for (Tokens tokens : batch) {
            width = Math.max(width, tokens.length());
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] types = new long[rows * width];
        for (int row = 0; row < rows; row++) {
            Tokens tokens = batch.get(row);
            System.arraycopy(tokens.ids(), 0, ids, row * width, tokens.length());
            System.arraycopy(tokens.typeIds(), 0, types, row * width, tokens.length());
            java.util.Arrays.fill(mask, row * width, row * width + tokens.length(), 1L);
        }
        long[] shape = {rows, width};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idTensor);
            inputs.put("attention_mask", maskTensor);
            if (tokenTypes) {
                inputs.put("token_type_ids", typeTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] outShape = hidden.getInfo().getShape();
                return meanPool(hidden.getFloatBuffer(), batch, width, (int) outShape[2]);
            }
        }
    }

    /** Mean of each row's real tokens (the padding is skipped), scaled to unit length. */
    private static float[][] meanPool(FloatBuffer hidden, List<Tokens> batch, int width, int dimensions) {
        float[][] vectors = new float[batch.size()][dimensions];
        for (int row = 0; row < batch.size(); row++) {
            int length = batch.get(row).length();
            float[] vector = vectors[row];
            for (int token = 0; token < length; token++) {
                int offset = (row * width + token) * dimensions;
                for (int d = 0; d < dimensions; d++) {
                    vector[d] += hidden.get(offset + d);
                }
            }
            double norm = 0;
            for (int d = 0; d < dimensions; d++) {
                vector[d] /= length;
                norm += vector[d] * vector[d];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dimensions; d++) {
                vector[d] *= scale;
            }
        }
        return vectors;
    }
}
