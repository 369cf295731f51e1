package io.veriscore.face;

/** Cyclic Jacobi rotations for small symmetric matrices: twenty lines instead of a linear-algebra dependency. */
final class SymmetricEigen {

    private SymmetricEigen() {}

    /** The unit eigenvector of the largest eigenvalue of the symmetric {@code n} x {@code n} matrix {@code a} (row-major). */
    static double[] largest(double[] matrix, int n) {
        double[] a = matrix.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (off < 1e-24) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, n, p, q);
                }
            }
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            best = a[i * n + i] > a[best * n + best] ? i : best;
        }
        double[] vector = new double[n];
        for (int i = 0; i < n; i++) {
            vector[i] = v[i * n + best];
        }
        return vector;
    }

    /** One Jacobi rotation zeroing a[p][q], applied to a on both sides and accumulated into v's columns. */
    private static void rotate(double[] a, double[] v, int n, int p, int q) {
        double apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) {
            return;
        }
        double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) { // columns p and q
            double akp = a[k * n + p];
            double akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) { // rows p and q
            double apk = a[p * n + k];
            double aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }
}
