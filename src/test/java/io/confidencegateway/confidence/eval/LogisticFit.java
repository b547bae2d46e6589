package io.confidencegateway.confidence.eval;

/**
 * L2-regularised logistic regression by Newton's method (IRLS): few features, a few thousand rows, converges in a
 * handful of steps. Column 0 of the design is the intercept and is not penalised.
 */
public final class LogisticFit {

    private LogisticFit() {
    }

    /** Coefficients for {@code x} (rows × features, without intercept) and 0/1 targets; [0] is the intercept. */
    public static double[] fit(double[][] x, double[] y, double l2) {
        int n = x.length;
        int d = x.length == 0 ? 1 : x[0].length + 1;
        double[] beta = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < n; i++) {
                double[] row = withIntercept(x[i]);
                double p = sigmoid(dot(beta, row));
                double w = Math.max(p * (1 - p), 1e-9);
                for (int a = 0; a < d; a++) {
                    gradient[a] += (y[i] - p) * row[a];
                    for (int b = 0; b < d; b++) {
                        hessian[a][b] += w * row[a] * row[b];
                    }
                }
            }
            for (int a = 1; a < d; a++) {
                gradient[a] -= l2 * beta[a];
                hessian[a][a] += l2;
            }
            double[] step = solve(hessian, gradient);
            double change = 0;
            for (int a = 0; a < d; a++) {
                beta[a] += step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return beta;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[] withIntercept(double[] features) {
        double[] row = new double[features.length + 1];
        row[0] = 1;
        System.arraycopy(features, 0, row, 1, features.length);
        return row;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting; the system is small and positive definite. */
    private static double[] solve(double[][] matrix, double[] rhs) {
        int n = rhs.length;
        double[][] a = new double[n][];
        double[] b = rhs.clone();
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double t = b[col];
            b[col] = b[pivot];
            b[pivot] = t;
            if (Math.abs(a[col][col]) < 1e-12) {
                continue;
            }
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = Math.abs(a[r][r]) < 1e-12 ? 0 : s / a[r][r];
        }
        return x;
    }
}
