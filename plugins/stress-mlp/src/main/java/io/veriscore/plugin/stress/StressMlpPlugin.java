package io.veriscore.plugin.stress;

import io.veriscore.spi.Face;
import io.veriscore.spi.FaceScanModel;
import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.InvalidInputException;
import io.veriscore.spi.ModelArtifact;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelSession;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.spi.Prediction;
import io.veriscore.spi.ProvableModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Body Debt's stress MLP: seven facial-geometry features, 7-16-8-1, ReLU, sigmoid. */
final class StressMlpPlugin implements ModelPlugin, ProvableModel, FaceScanModel {

    static final String ID = "stress-mlp";
    static final double STRESSED_AT = 0.5;
    /** SHA-256 of models/stress-mlp/stress_mlp.onnx: the plugin pins the exact model it was tested with. */
    static final String MODEL_SHA256 = "e199febb3d4093abe991e7321c74959fdc24e359145d769478a3e860ce95e744";

    private static final Feature[] FEATURES = Feature.values();

    private final PluginDescriptor descriptor = new PluginDescriptor(
            ID,
            "1.1.0", // 1.1: scores faces (FaceGeometry); the model and the features-as-input path are unchanged
            "Stress score in [0, 1] from seven facial-geometry features (Body Debt MLP, 273 parameters); trained on synthetic"
                    + " data drawn from physiological heuristics, not on measured stress",
            resource("input-schema.json"),
            resource("output-schema.json"),
            new ModelArtifact("io/veriscore/plugin/stress/stress_mlp.onnx", MODEL_SHA256));

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<Prediction> predict(List<Map<String, Object>> inputs, ModelSession session) {
        float[] matrix = new float[inputs.size() * FEATURES.length];
        List<List<String>> warnings = new ArrayList<>(inputs.size());
        for (int row = 0; row < inputs.size(); row++) {
            warnings.add(readRow(row, inputs.get(row), matrix));
        }
        FloatTensor input = FloatTensor.matrix(inputs.size(), FEATURES.length, matrix);
        float[] scores = session.run(Map.of("input", input)).get("output").data();
        List<Prediction> predictions = new ArrayList<>(inputs.size());
        for (int row = 0; row < inputs.size(); row++) {
            double score = scores[row];
            String label = score >= STRESSED_AT ? "stressed" : "healthy";
            predictions.add(new Prediction(score, label, Map.of(), warnings.get(row)));
        }
        return predictions;
    }

    @Override
    public float[] modelInput(Map<String, Object> input) {
        float[] row = new float[FEATURES.length];
        readRow(0, input, row);
        return row;
    }

    /** The seven features of a scanned face (see {@link FaceGeometry} for the formulas and landmarks). */
    @Override
    public Map<String, Object> inputFor(Face face) {
        return FaceGeometry.features(face);
    }

    /** The validation split of the training data set (models/stress-mlp/dataset.csv), 400 rows. */
    @Override
    public ProvenLabels provenLabels() {
        return new ProvenLabels("healthy", "stressed"); // as predict labels scores from STRESSED_AT = 0.5
    }

    @Override
    public List<float[]> calibrationInputs() {
        try (InputStream in = StressMlpPlugin.class.getResourceAsStream("dataset.csv")) {
            if (in == null) {
                throw new IllegalStateException("missing plugin resource dataset.csv");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // header: the features in tensor order, target, split
            return reader.lines().map(line -> line.split(",")).filter(cells -> cells[cells.length - 1].equals("val"))
                    .map(StressMlpPlugin::features).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] features(String[] cells) {
        float[] row = new float[FEATURES.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = Float.parseFloat(cells[i]);
        }
        return row;
    }

    private static List<String> readRow(int row, Map<String, Object> input, float[] matrix) {
        List<String> warnings = new ArrayList<>();
        for (Feature feature : FEATURES) {
            double value = number(row, feature, input.get(feature.key));
            if (!feature.isTrainedOn(value)) {
                warnings.add("%s = %s is outside the training range [%s, %s]; the score is an extrapolation"
                        .formatted(feature.key, value, feature.trainedMin, feature.trainedMax));
            }
            matrix[row * FEATURES.length + feature.ordinal()] = (float) value;
        }
        return warnings;
    }

    private static double number(int row, Feature feature, Object value) {
        if (!(value instanceof Number number)) {
            throw new InvalidInputException(row, feature.key, feature.key + " must be a number");
        }
        double result = number.doubleValue();
        if (!Double.isFinite(result) || Math.abs(result) > Float.MAX_VALUE) {
            throw new InvalidInputException(row, feature.key, feature.key + " must be a finite number, got " + value);
        }
        return result;
    }

    private static String resource(String name) {
        try (InputStream in = StressMlpPlugin.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing plugin resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
