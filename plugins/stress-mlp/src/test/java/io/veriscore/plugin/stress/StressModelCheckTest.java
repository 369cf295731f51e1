package io.veriscore.plugin.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelSession;
import io.veriscore.spi.Prediction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed stress model, run through ONNX Runtime Java as the service runs it, against its metrics.json. */
class StressModelCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ModelPlugin plugin;
    private static ModelSession session;

    @BeforeAll
    static void load() throws Exception {
        plugin = new StressMlpPluginFactory().create();
        session = new OnnxSession(OrtEnvironment.getEnvironment().createSession(modelBytes()));
    }

    static JsonNode metrics() {
        try (InputStream in = StressModelCheckTest.class.getResourceAsStream("/stress-mlp/metrics.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] modelBytes() throws IOException {
        try (InputStream in = plugin.getClass().getClassLoader().getResourceAsStream(plugin.descriptor().model().resourcePath())) {
            return in.readAllBytes();
        }
    }

    @Test
    void theModelIsTheOneTheMetricsDescribe() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(modelBytes()));
        assertEquals(metrics().get("sha256").asText(), sha);
        assertEquals(plugin.descriptor().model().sha256(), sha);
        assertEquals(273, metrics().get("trainable_parameters").asInt()); // 7*16+16 + 16*8+8 + 8+1
    }

    @Test
    void validationErrorsMatchTheMetricsAndBeatTheLinearBaseline() throws IOException {
        List<Map<String, Object>> inputs = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        readDataset("val", inputs, targets);
        assertEquals(metrics().at("/samples/validation").asInt(), inputs.size());

        List<Prediction> predictions = plugin.predict(inputs, session);
        double absolute = 0;
        double squared = 0;
        for (int i = 0; i < inputs.size(); i++) {
            double error = predictions.get(i).score() - targets.get(i);
            absolute += Math.abs(error);
            squared += error * error;
        }
        double mae = absolute / inputs.size();
        assertEquals(metrics().at("/validation/mae").asDouble(), mae, 1e-5);
        assertEquals(metrics().at("/validation/mse").asDouble(), squared / inputs.size(), 1e-5);
        assertTrue(mae <= 0.060, "validation MAE " + mae);
        assertTrue(mae < metrics().get("linear_baseline_validation_mae").asDouble(), "MLP must beat the linear baseline");
    }

    @Test
    void seedProfilesGetTheSeedsVerdictsWithinEightPoints() {
        assertProfile(new double[] {0.18, 0.19, 0.025, 8.0, 0.12, 0.05, 0.67}, 71.5, "stressed");
        assertProfile(new double[] {0.32, 0.33, 0.045, 5.0, 0.04, 0.18, 0.34}, 32.3, "healthy");
        assertProfile(new double[] {0.25, 0.26, 0.035, 6.0, 0.08, 0.10, 0.92}, 53.9, "stressed");
    }

    private static void assertProfile(double[] features, double seedScore, String verdict) {
        Prediction prediction = plugin.predict(List.of(input(features)), session).get(0);
        assertEquals(verdict, prediction.label());
        assertEquals(seedScore, prediction.score() * 100, 8.0);
    }

    private static final String[] NAMES = {"left_eye_aspect", "right_eye_aspect", "brow_tension", "mouth_tension",
            "eye_symmetry", "mouth_opening", "time_of_day"};

    private static Map<String, Object> input(double[] features) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            input.put(NAMES[i], features[i]);
        }
        return input;
    }

    private static void readDataset(String split, List<Map<String, Object>> inputs, List<Double> targets) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                StressModelCheckTest.class.getResourceAsStream("/stress-mlp/dataset.csv"), StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",");
            assertEquals(List.of(NAMES), List.of(header).subList(0, 7));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                if (cells[8].equals(split)) {
                    double[] features = new double[7];
                    for (int i = 0; i < 7; i++) {
                        features[i] = Double.parseDouble(cells[i]);
                    }
                    inputs.add(input(features));
                    targets.add(Double.parseDouble(cells[7]));
                }
            }
        }
    }

    /** The service's way of running a plugin's model (ONNX Runtime Java), for one float input and output. */
    private record OnnxSession(OrtSession session) implements ModelSession {
        @Override
        public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
            Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
            try {
                for (var input : inputs.entrySet()) {
                    tensors.put(input.getKey(), OnnxTensor.createTensor(OrtEnvironment.getEnvironment(),
                            FloatBuffer.wrap(input.getValue().data()), input.getValue().shape()));
                }
                try (OrtSession.Result result = session.run(tensors)) {
                    Map<String, FloatTensor> outputs = new LinkedHashMap<>();
                    for (var output : result) {
                        OnnxTensor tensor = (OnnxTensor) output.getValue();
                        FloatBuffer buffer = tensor.getFloatBuffer();
                        float[] data = new float[buffer.remaining()];
                        buffer.get(data);
                        outputs.put(output.getKey(), new FloatTensor(tensor.getInfo().getShape(), data));
                    }
                    return outputs;
                }
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            } finally {
                tensors.values().forEach(OnnxTensor::close);
            }
        }
    }
}
