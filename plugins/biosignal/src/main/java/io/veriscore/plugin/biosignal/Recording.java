package io.veriscore.plugin.biosignal;

import io.veriscore.spi.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's raw recording, {@code {"channels": {"ecg": {"hz": 700, "values": [...]}, ...}}}, cut into 60 s windows at
 * 35 Hz with 50 % overlap, every channel resampled from its own rate.
 */
final class Recording {

    static final int MIN_HZ = 1;
    static final int MAX_HZ = 10_000;
    /** Channels may end this far apart (a sensor's last samples), in seconds. */
    static final double LENGTH_TOLERANCE_S = 1.0;

    static List<Map<String, Object>> windows(Map<String, Object> recording) {
        if (!(recording.get("channels") instanceof Map<?, ?> channels)) {
            throw invalid("channels", "a recording is {\"channels\": {\"ecg\": {\"hz\": 700, \"values\": [...]}, ...}}");
        }
        Map<String, double[]> resampled = new LinkedHashMap<>();
        double shortest = Double.MAX_VALUE;
        double longest = 0;
        for (String name : Window.CHANNELS) {
            if (!(channels.get(name) instanceof Map<?, ?> channel)) {
                throw invalid("channels/" + name, "channel " + name + " is missing; a recording needs " + Window.CHANNELS);
            }
            int hz = rate(name, channel.get("hz"));
            double[] values = values(name, channel.get("values"));
            shortest = Math.min(shortest, (double) values.length / hz);
            longest = Math.max(longest, (double) values.length / hz);
            resampled.put(name, new Resampler(hz, Window.HZ).apply(values));
        }
        for (Object name : channels.keySet()) {
            if (!Window.CHANNELS.contains(name)) {
                throw invalid("channels/" + name, "unknown channel " + name + "; the channels are " + Window.CHANNELS);
            }
        }
        if (longest - shortest > LENGTH_TOLERANCE_S) {
            throw invalid("channels", "the channels cover %.2f s to %.2f s; they must cover the same time (within %.0f s)"
                    .formatted(shortest, longest, LENGTH_TOLERANCE_S));
        }
        if (shortest < Window.SECONDS) {
            throw invalid("channels", "the recording lasts %.1f s; one window needs %d s".formatted(shortest, Window.SECONDS));
        }
        int samples = (int) Math.floor(shortest * Window.HZ);
        List<Map<String, Object>> windows = new ArrayList<>();
        for (int start = 0; start + Window.SAMPLES <= samples; start += Window.STEP) {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("hz", Window.HZ);
            for (String name : Window.CHANNELS) {
                window.put(name, slice(resampled.get(name), start));
            }
            windows.add(window);
        }
        return windows;
    }

    private static int rate(String name, Object hz) {
        if (!(hz instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < MIN_HZ || number.doubleValue() > MAX_HZ) {
            throw invalid("channels/" + name + "/hz", "the sampling rate of " + name + " must be a whole number of hertz from "
                    + MIN_HZ + " to " + MAX_HZ + ", got " + hz);
        }
        return number.intValue();
    }

    private static double[] values(String name, Object values) {
        if (!(values instanceof List<?> list) || list.isEmpty()) {
            throw invalid("channels/" + name + "/values", name + " needs its samples as a non-empty array of numbers");
        }
        double[] samples = new double[list.size()];
        for (int i = 0; i < samples.length; i++) {
            if (!(list.get(i) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                throw invalid("channels/" + name + "/values/" + i, name + " sample " + i + " is not a finite number: " + list.get(i));
            }
            samples[i] = number.doubleValue();
        }
        return samples;
    }

    /** WINDOW samples from start, to five significant decimals: what is stored is what the model read. */
    private static List<Double> slice(double[] channel, int start) {
        List<Double> values = new ArrayList<>(Window.SAMPLES);
        for (int i = start; i < start + Window.SAMPLES; i++) {
            values.add(Math.round(channel[i] * 1e5) / 1e5);
        }
        return values;
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(0, field, message);
    }

    private Recording() {}
}
