package io.confidencegateway.confidence.align;

import java.util.List;

/**
 * A text's WordPiece tokens with their contextual vectors from the model's {@code last_hidden_state} (before
 * pooling), each scaled to unit length so that a dot product is a cosine. Token {@code i} is {@code tokens[i]}
 * (vocabulary id {@code ids[i]}), covers {@code text[starts[i], ends[i])} and has its vector at
 * {@code vectors[i * dimensions ...]}. No [CLS] or [SEP]. Treated as immutable once built: the cache hands one
 * instance to every caller, so nobody writes into the arrays.
 */
public record TokenVectors(String text, List<String> tokens, int[] ids, int[] starts, int[] ends, float[] vectors,
        int dimensions) {

    public TokenVectors {
        tokens = List.copyOf(tokens);
        int n = tokens.size();
        if (ids.length != n || starts.length != n || ends.length != n || vectors.length != n * dimensions) {
            throw new IllegalArgumentException("token arrays disagree on the number of tokens (" + n + ")");
        }
    }

    public int size() {
        return tokens.size();
    }

    /** Cosine of token {@code i} with a unit vector (its values at {@code other[offset ...]}). */
    public float dot(int i, float[] other, int offset) {
        int base = i * dimensions;
        // Four partial sums: the JIT does not reorder a float reduction, so one sum would run one add at a time.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < dimensions; d += 4) {
            s0 += vectors[base + d] * other[offset + d];
            s1 += vectors[base + d + 1] * other[offset + d + 1];
            s2 += vectors[base + d + 2] * other[offset + d + 2];
            s3 += vectors[base + d + 3] * other[offset + d + 3];
        }
        for (; d < dimensions; d++) {
            s0 += vectors[base + d] * other[offset + d];
        }
        return s0 + s1 + s2 + s3;
    }

    /** A copy of token {@code i}'s vector. */
    public float[] vector(int i) {
        float[] out = new float[dimensions];
        System.arraycopy(vectors, i * dimensions, out, 0, dimensions);
        return out;
    }
}
