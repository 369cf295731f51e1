package io.veriscore.plugin.biosignal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signal quality index of a window, channel by channel, as models/biosignal/pipeline.py computes it: a channel
 * constant for 4 s has lost its electrode ({@code flat}); an ECG with more than 1 % of its samples within 1 % of the
 * window's range from its extremes is {@code clipped} (held at an amplifier's rail); a median outside the sensor's plausible range is {@code out-of-range}; an ECG whose R peaks give a
 * heart rate outside 35-200 beats per minute is {@code heart-rate}. The model abstains on a window with any problem.
 */
final class SignalQuality {

    static final Map<String, double[]> RANGES = Map.of(
            "ecg", new double[] {-5, 5}, "eda", new double[] {0.05, 60}, "resp", new double[] {-50, 50},
            "temp", new double[] {25, 42}, "acc_x", new double[] {-8, 8}, "acc_y", new double[] {-8, 8},
            "acc_z", new double[] {-8, 8});
    static final int FLAT_SAMPLES = 4 * Window.HZ;
    static final double CLIPPED_SHARE = 0.01;
    /** Of the window's range: resampling to 35 Hz ripples a flat top slightly. */
    static final double CLIPPED_BAND = 0.01;
    static final double MIN_HEART_RATE = 35;
    static final double MAX_HEART_RATE = 200;

    /** Channel -> its problem, for the channels that have one; empty when the window is usable. */
    static Map<String, String> problems(Window window) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String name : Window.CHANNELS) {
            double[] x = window.channel(name);
            if (longestConstantRun(x) >= FLAT_SAMPLES) {
                problems.put(name, "flat");
            } else if (name.equals("ecg") && shareAtExtremes(x) > CLIPPED_SHARE) {
                problems.put(name, "clipped");
            } else {
                double median = median(x);
                double[] range = RANGES.get(name);
                if (median < range[0] || median > range[1]) {
                    problems.put(name, "out-of-range");
                }
            }
        }
        if (!problems.containsKey("ecg")) {
            double rate = Heart.rate(window.channel("ecg"));
            if (!(rate >= MIN_HEART_RATE && rate <= MAX_HEART_RATE)) {
                problems.put("ecg", "heart-rate");
            }
        }
        return problems;
    }

    static int longestConstantRun(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        double tolerance = 1e-6 * Math.max(1, max);
        int longest = 1;
        int run = 1;
        for (int i = 1; i < x.length; i++) {
            run = Math.abs(x[i] - x[i - 1]) > tolerance ? 1 : run + 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static double shareAtExtremes(double[] x) {
        double min = Arrays.stream(x).min().orElseThrow();
        double max = Arrays.stream(x).max().orElseThrow();
        double band = CLIPPED_BAND * (max - min);
        long at = Arrays.stream(x).filter(v -> v >= max - band || v <= min + band).count();
        return (double) at / x.length;
    }

    static double median(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private SignalQuality() {}

    /** R-peak detection and heart rate, as models/biosignal/pipeline.py (r_peaks, heart). */
    static final class Heart {

        /** Beats stand out of the energy by this factor (98th percentile over median): ECG 20-40, PPG 8.6, noise 4. */
        static final double BEAT_CONTRAST = 6;

        /** Beats per minute from the median beat interval; NaN with fewer than three beats or none that stand out. */
        static double rate(double[] ecg) {
            double[] energy = energy(ecg);
            int[] peaks = peaks(energy);
            if (peaks.length < 3 || percentile(energy, 98) < BEAT_CONTRAST * median(energy)) {
                return Double.NaN;
            }
            List<Double> positions = refine(energy, peaks);
            double[] intervals = new double[positions.size() - 1];
            for (int i = 1; i < positions.size(); i++) {
                intervals[i - 1] = (positions.get(i) - positions.get(i - 1)) / Window.HZ;
            }
            return 60 / median(intervals);
        }

        /** The squared slope, averaged over 5 samples (150 ms). */
        static double[] energy(double[] ecg) {
            double[] slope = new double[ecg.length];
            for (int i = 1; i < ecg.length; i++) {
                slope[i] = (ecg[i] - ecg[i - 1]) * (ecg[i] - ecg[i - 1]);
            }
            return movingAverage(slope, 5);
        }

        /** Local maxima above 30 % of the 98th percentile, at least 0.3 s apart, the highest kept first. */
        static int[] peaks(double[] energy) {
            double threshold = 0.3 * percentile(energy, 98);
            int distance = (int) (0.3 * Window.HZ);
            List<Integer> candidates = new ArrayList<>();
            for (int i = 1; i < energy.length - 1; i++) {
                if (energy[i] > threshold && energy[i] >= energy[i - 1] && energy[i] > energy[i + 1]) {
                    candidates.add(i);
                }
            }
            candidates.sort((a, b) -> Double.compare(energy[b], energy[a])); // stable: ties keep their order
            List<Integer> kept = new ArrayList<>();
            for (int candidate : candidates) {
                if (kept.stream().allMatch(k -> Math.abs(candidate - k) >= distance)) {
                    kept.add(candidate);
                }
            }
            return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
        }

        private static List<Double> refine(double[] x, int[] peaks) {
            List<Double> refined = new ArrayList<>();
            for (int p : peaks) {
                if (p == 0 || p == x.length - 1) {
                    continue;
                }
                double denominator = x[p - 1] - 2 * x[p] + x[p + 1];
                double offset = Math.abs(denominator) > 1e-12 ? 0.5 * (x[p - 1] - x[p + 1]) / denominator : 0;
                refined.add(p + Math.clamp(offset, -0.5, 0.5));
            }
            return refined;
        }

        /** Centred moving average over n samples; at the edges, over the samples there are (NumPy's "same"). */
        static double[] movingAverage(double[] x, int n) {
            double[] out = new double[x.length];
            int before = (n - 1) / 2;
            int after = n - 1 - before;
            for (int i = 0; i < x.length; i++) {
                double sum = 0;
                int count = 0;
                for (int j = i - after; j <= i + before; j++) {
                    if (j >= 0 && j < x.length) {
                        sum += x[j];
                        count++;
                    }
                }
                out[i] = sum / count;
            }
            return out;
        }

        /** NumPy's default (linear) percentile. */
        static double percentile(double[] x, double p) {
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double rank = p / 100 * (sorted.length - 1);
            int low = (int) Math.floor(rank);
            int high = Math.min(sorted.length - 1, low + 1);
            return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
        }

        private Heart() {}
    }
}
