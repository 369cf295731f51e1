package io.veriscore.plugin.biosignal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kolmogorov-Smirnov drift check of a window against the training windows (models/biosignal/drift.py): per channel,
 * the statistic D between the window's standardised values (what the network reads) and the training values' CDF,
 * flagged when D exceeds the 99th percentile of the training windows' own D.
 */
final class Drift {

    /** One channel's check: its D, the threshold, whether it drifted. */
    record Check(double statistic, double threshold, boolean drifted) {}

    private static final int LEVELS = 200;

    private final Map<String, double[]> quantiles = new LinkedHashMap<>();
    private final Map<String, Double> thresholds = new LinkedHashMap<>();

    /** Reads the reference: per line a channel, its threshold and its 199 quantiles. */
    Drift(InputStream reference) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(reference, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                thresholds.put(cells[0], Double.parseDouble(cells[1]));
                quantiles.put(cells[0], Arrays.stream(cells, 2, cells.length).mapToDouble(Double::parseDouble).toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!quantiles.keySet().containsAll(Window.CHANNELS)) {
            throw new IllegalStateException("the drift reference lacks channels: has " + quantiles.keySet());
        }
    }

    Map<String, Check> check(Window window) {
        Map<String, Check> checks = new LinkedHashMap<>();
        for (String name : Window.CHANNELS) {
            double d = statistic(standardised(window.channel(name)), quantiles.get(name));
            double threshold = thresholds.get(name);
            checks.put(name, new Check(Math.round(d * 10_000) / 10_000.0, threshold, d > threshold));
        }
        return checks;
    }

    /** D = sup |F_window - F_reference|, the reference CDF linear between its quantiles, 0 below and 1 above them. */
    static double statistic(double[] values, double[] quantiles) {
        double[] x = values.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double reference = cdf(x[i], quantiles);
            d = Math.max(d, Math.max((i + 1.0) / n - reference, reference - (double) i / n));
        }
        return d;
    }

    /** NumPy's interp(x, quantiles, k/200, left=0, right=1). */
    private static double cdf(double x, double[] quantiles) {
        if (x < quantiles[0]) {
            return 0;
        }
        if (x > quantiles[quantiles.length - 1]) {
            return 1;
        }
        int at = Arrays.binarySearch(quantiles, x);
        if (at >= 0) {
            while (at + 1 < quantiles.length && quantiles[at + 1] == x) {
                at++; // NumPy takes the last of equal knots
            }
            return (at + 1.0) / LEVELS;
        }
        int right = -at - 1;
        int left = right - 1;
        double span = quantiles[right] - quantiles[left];
        double fraction = span == 0 ? 0 : (x - quantiles[left]) / span;
        return (left + 1 + fraction) / LEVELS;
    }

    /** The channel as the network sees it: minus its mean, over its standard deviation plus 0.001. */
    static double[] standardised(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        double variance = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        double scale = Math.sqrt(variance) + 1e-3;
        return Arrays.stream(x).map(v -> (v - mean) / scale).toArray();
    }
}
