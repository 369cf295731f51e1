package io.veriscore.plugin.biosignal;

/**
 * Rational resampling with an anti-aliasing filter, the way SciPy's {@code resample_poly} does it (its defaults: a
 * Kaiser-windowed sinc, beta 5, 10 zero crossings per side of the slower rate, zeros beyond the ends), so that windows
 * made here match the ones the model was trained on (models/biosignal/pipeline.py).
 */
final class Resampler {

    private static final double KAISER_BETA = 5.0;
    private static final int HALF_LENGTH_FACTOR = 10;

    private final int up;
    private final int down;
    private final double[] filter;
    private final int preRemove;

    /** From {@code fromHz} to {@code toHz}, both whole numbers of hertz. */
    Resampler(int fromHz, int toHz) {
        int gcd = gcd(fromHz, toHz);
        this.up = toHz / gcd;
        this.down = fromHz / gcd;
        int max = Math.max(up, down);
        int halfLength = HALF_LENGTH_FACTOR * max;
        double[] taps = lowPass(2 * halfLength + 1, 1.0 / max);
        int prePad = down - halfLength % down;
        this.filter = new double[prePad + taps.length];
        for (int i = 0; i < taps.length; i++) {
            filter[prePad + i] = taps[i] * up;
        }
        this.preRemove = (halfLength + prePad) / down;
    }

    /** The signal at the new rate: ceil(n * up / down) samples. */
    double[] apply(double[] x) {
        int outputs = (int) Math.ceil((double) x.length * up / down);
        double[] y = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            long position = (long) (k + preRemove) * down; // index in the upsampled signal
            double sum = 0;
            // x[i] sits at i * up in the upsampled signal; the filter tap that meets it is position - i * up.
            long first = Math.max(0, (position - filter.length + up) / up);
            long last = Math.min(x.length - 1, position / up);
            for (long i = first; i <= last; i++) {
                long tap = position - i * up;
                if (tap >= 0 && tap < filter.length) {
                    sum += filter[(int) tap] * x[(int) i];
                }
            }
            y[k] = sum;
        }
        return y;
    }

    /** SciPy's {@code firwin(taps, cutoff, window=("kaiser", 5.0))}: windowed sinc, unit gain at zero frequency. */
    private static double[] lowPass(int taps, double cutoff) {
        double[] h = new double[taps];
        double centre = (taps - 1) / 2.0;
        double sum = 0;
        for (int n = 0; n < taps; n++) {
            double m = n - centre;
            double sinc = m == 0 ? 1 : Math.sin(Math.PI * cutoff * m) / (Math.PI * cutoff * m);
            double ratio = 2.0 * n / (taps - 1) - 1;
            double window = besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / besselI0(KAISER_BETA);
            h[n] = cutoff * sinc * window;
            sum += h[n];
        }
        for (int n = 0; n < taps; n++) {
            h[n] /= sum;
        }
        return h;
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    private static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
