package io.veriscore.plugin.biosignal;

import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.InvalidInputException;
import io.veriscore.spi.ModelArtifact;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelSession;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.spi.Prediction;
import io.veriscore.spi.SegmentingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline or stress from 60 s of chest signals: signal quality first (the model abstains on a bad window), a
 * Kolmogorov-Smirnov drift check, then a 1-D ResNet with squeeze-and-excitation (models/biosignal) that gives a
 * calibrated probability; near the threshold it abstains too. Trained on simulated physiology: see its model card.
 */
final class BiosignalPlugin implements ModelPlugin, SegmentingModel {

    static final String ID = "biosignal";
    /** SHA-256 of models/biosignal/biosignal_resnet_se.onnx. */
    static final String MODEL_SHA256 = "7f120a42930b3220b2349d0c42ae50f840097794b586c2da896b3552a11ece3b";
    /** Youden's J on the training windows (models/biosignal/resnet-metrics.json, final.threshold). */
    static final double THRESHOLD = 0.6789;
    /** Within this distance of the threshold the calibrated probability is too close to call. */
    static final double ABSTAIN_MARGIN = 0.1;

    private final Drift drift;
    private final PluginDescriptor descriptor = new PluginDescriptor(
            ID,
            "0.1.0",
            "Baseline or stress from 60 s of chest ECG, EDA, respiration, temperature and acceleration at 35 Hz"
                    + " (1-D ResNet-SE, trained on simulated physiology)",
            resource("input-schema.json"),
            resource("output-schema.json"),
            new ModelArtifact("io/veriscore/plugin/biosignal/biosignal_resnet_se.onnx", MODEL_SHA256));

    BiosignalPlugin() {
        try (InputStream reference = BiosignalPlugin.class.getResourceAsStream("drift-reference.csv")) {
            if (reference == null) {
                throw new IllegalStateException("missing plugin resource drift-reference.csv");
            }
            this.drift = new Drift(reference);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<Map<String, Object>> segment(Map<String, Object> recording) {
        return Recording.windows(recording);
    }

    @Override
    public List<Prediction> predict(List<Map<String, Object>> inputs, ModelSession session) {
        List<Window> windows = new ArrayList<>(inputs.size());
        float[] batch = new float[inputs.size() * Window.CHANNELS.size() * Window.SAMPLES];
        for (int row = 0; row < inputs.size(); row++) {
            Window window = window(row, inputs.get(row));
            windows.add(window);
            for (int c = 0; c < Window.CHANNELS.size(); c++) {
                double[] channel = window.channels()[c];
                int offset = (row * Window.CHANNELS.size() + c) * Window.SAMPLES;
                for (int i = 0; i < Window.SAMPLES; i++) {
                    batch[offset + i] = (float) channel[i];
                }
            }
        }
        FloatTensor input = new FloatTensor(new long[] {inputs.size(), Window.CHANNELS.size(), Window.SAMPLES}, batch);
        float[] probabilities = session.run(Map.of("window", input)).get("probability").data();
        List<Prediction> predictions = new ArrayList<>(inputs.size());
        for (int row = 0; row < inputs.size(); row++) {
            predictions.add(prediction(windows.get(row), probabilities[row]));
        }
        return predictions;
    }

    private Prediction prediction(Window window, double probability) {
        Map<String, String> problems = SignalQuality.problems(window);
        Map<String, Drift.Check> checks = drift.check(window);
        boolean close = Math.abs(probability - THRESHOLD) < ABSTAIN_MARGIN;
        String label = !problems.isEmpty() || close ? "abstain" : probability >= THRESHOLD ? "stress" : "baseline";
        List<String> warnings = new ArrayList<>();
        problems.forEach((channel, problem) -> warnings.add("signal quality: " + channel + " is " + problem));
        if (problems.isEmpty() && close) {
            warnings.add("the probability %.3f is within %.2f of the threshold %.3f: too close to call"
                    .formatted(probability, ABSTAIN_MARGIN, THRESHOLD));
        }
        Map<String, Object> drifts = new LinkedHashMap<>();
        checks.forEach((channel, check) -> {
            drifts.put(channel, Map.of("statistic", check.statistic(), "threshold", check.threshold(), "drifted", check.drifted()));
            if (check.drifted()) {
                warnings.add("drift: " + channel + " is further from the training data than 99 % of the training windows"
                        + " (Kolmogorov-Smirnov D " + check.statistic() + ")");
            }
        });
        double rate = SignalQuality.Heart.rate(window.channel("ecg"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threshold", THRESHOLD);
        details.put("abstainBand", List.of(THRESHOLD - ABSTAIN_MARGIN, THRESHOLD + ABSTAIN_MARGIN));
        details.put("quality", problems);
        details.put("drift", drifts);
        if (Double.isFinite(rate)) {
            details.put("heartRate", Math.round(rate * 10) / 10.0);
        }
        return new Prediction(Math.clamp(probability, 0.0, 1.0), label, details, warnings);
    }

    private static Window window(int row, Map<String, Object> input) {
        double[][] channels = new double[Window.CHANNELS.size()][];
        for (int c = 0; c < channels.length; c++) {
            String name = Window.CHANNELS.get(c);
            if (!(input.get(name) instanceof List<?> values) || values.size() != Window.SAMPLES) {
                throw new InvalidInputException(row, name, name + " must hold " + Window.SAMPLES + " samples");
            }
            channels[c] = new double[Window.SAMPLES];
            for (int i = 0; i < Window.SAMPLES; i++) {
                if (!(values.get(i) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    throw new InvalidInputException(row, name, name + " sample " + i + " is not a finite number");
                }
                channels[c][i] = number.doubleValue();
            }
        }
        return new Window(channels);
    }

    private static String resource(String name) {
        try (InputStream in = BiosignalPlugin.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing plugin resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
