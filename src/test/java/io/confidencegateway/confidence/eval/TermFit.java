package io.confidencegateway.confidence.eval;

/**
 * Logistic regression over the dense signal values and hashed word buckets together. The dense part has a dozen
 * columns, the word part thousands, so Newton's method (IRLS, {@link LogisticFit}) is out of reach: this runs
 * full-batch Adam on the penalised log-likelihood, started from the dense IRLS solution, with the dense weights
 * projected to 0 or above after each step (the non-negativity of {@link ModelFitter}) and the word weights free
 * (an unsupported word may be harmless style or an added fact). Each bucket has its own L2 penalty
 * {@code termL2}, stronger than the dense one: most buckets are seen in a handful of answers.
 */
final class TermFit {

    static final int ITERATIONS = 1500;
    static final double RATE = 0.05;

    private TermFit() {
    }

    /**
     * @param x      centred dense values, rows × d
     * @param terms  per row, the buckets its words fall in (distinct, repeated buckets add up)
     * @param start  intercept and dense weights to start from (length d + 1)
     * @return intercept, d dense weights, then {@code buckets} word weights
     */
    static double[] fit(double[][] x, int[][] terms, double[] y, double l2, double termL2, int buckets,
            double[] start) {
        int n = x.length;
        int d = start.length - 1;
        int p = d + 1 + buckets;
        double[] theta = new double[p];
        System.arraycopy(start, 0, theta, 0, start.length);
        double[] m = new double[p];
        double[] v = new double[p];
        double[] g = new double[p];
        double b1 = 0.9;
        double b2 = 0.999;
        for (int t = 1; t <= ITERATIONS; t++) {
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                double z = theta[0];
                for (int k = 0; k < d; k++) {
                    z += theta[k + 1] * x[i][k];
                }
                for (int bucket : terms[i]) {
                    z += theta[d + 1 + bucket];
                }
                double r = 1 / (1 + Math.exp(-z)) - y[i];
                g[0] += r;
                for (int k = 0; k < d; k++) {
                    g[k + 1] += r * x[i][k];
                }
                for (int bucket : terms[i]) {
                    g[d + 1 + bucket] += r;
                }
            }
            for (int k = 1; k <= d; k++) {
                g[k] += l2 * theta[k];
            }
            for (int k = d + 1; k < p; k++) {
                g[k] += termL2 * theta[k];
            }
            // A step size that shrinks slowly lets Adam settle instead of circling the optimum.
            double rate = RATE / Math.sqrt(1 + t / 100.0);
            double c1 = 1 - Math.pow(b1, t);
            double c2 = 1 - Math.pow(b2, t);
            for (int k = 0; k < p; k++) {
                double gk = g[k] / n;
                m[k] = b1 * m[k] + (1 - b1) * gk;
                v[k] = b2 * v[k] + (1 - b2) * gk * gk;
                theta[k] -= rate * (m[k] / c1) / (Math.sqrt(v[k] / c2) + 1e-8);
                if (k >= 1 && k <= d && theta[k] < 0) {
                    theta[k] = 0;
                }
            }
        }
        return theta;
    }
}
