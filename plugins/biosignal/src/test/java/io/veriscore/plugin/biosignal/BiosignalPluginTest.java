package io.veriscore.plugin.biosignal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.InvalidInputException;
import io.veriscore.spi.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin with its real network on ONNX Runtime, against what models/biosignal/fixtures.py computed in Python. */
class BiosignalPluginTest {

    static OrtSession session;
    static List<Map<String, Object>> windows;
    static JsonNode expected;
    final BiosignalPlugin plugin = new BiosignalPlugin();

    @BeforeAll
    static void load() throws IOException, OrtException {
        try (InputStream model = BiosignalPlugin.class.getResourceAsStream("biosignal_resnet_se.onnx")) {
            session = OrtEnvironment.getEnvironment().createSession(model.readAllBytes());
        }
        expected = new ObjectMapper().readTree(BiosignalPluginTest.class.getResourceAsStream("/windows.json"));
        windows = readWindows(expected.size());
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
    }

    @Test
    void probabilitiesQualityDriftAndHeartRateMatchThePythonReference() {
        List<Prediction> predictions = plugin.predict(windows, this::run);
        double worstProbability = 0;
        double worstDrift = 0;
        for (int i = 0; i < predictions.size(); i++) {
            Prediction prediction = predictions.get(i);
            JsonNode reference = expected.get(i);
            worstProbability = Math.max(worstProbability, Math.abs(reference.get("probability").asDouble() - prediction.score()));
            assertEquals(reference.get("probability").asDouble(), prediction.score(), 1e-4, "window " + i);
            Map<String, String> quality = new LinkedHashMap<>();
            reference.get("quality").properties().forEach(e -> quality.put(e.getKey(), e.getValue().asText()));
            assertEquals(quality, prediction.details().get("quality"), "window " + i);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> drift = (Map<String, Map<String, Object>>) prediction.details().get("drift");
            for (String channel : Window.CHANNELS) {
                double d = (double) drift.get(channel).get("statistic");
                worstDrift = Math.max(worstDrift, Math.abs(reference.get("drift").get(channel).asDouble() - d));
                assertEquals(reference.get("drift").get(channel).asDouble(), d, 2e-4, channel);
            }
            if (!reference.get("heartRate").isNull()) {
                assertEquals(reference.get("heartRate").asDouble(), (double) prediction.details().get("heartRate"), 0.06);
            }
            if (!quality.isEmpty()) {
                assertEquals("abstain", prediction.label(), "a window failing the quality check is not scored");
            }
        }
        System.out.printf("Figures: Java vs Python: probability within %.1e, KS statistic within %.1e%n", worstProbability, worstDrift);
    }

    @Test
    void thePluginServesTheThresholdTheEvaluationChose() throws IOException {
        JsonNode metrics = new ObjectMapper().readTree(RealSignals.DIRECTORY.resolveSibling("resnet-metrics.json").toFile());
        assertEquals(metrics.get("final").get("threshold").asDouble(), BiosignalPlugin.THRESHOLD);
    }

    @Test
    void aRecordingIsCutIntoWindowsAtThirtyFiveHertz() {
        Map<String, Object> recording = recording(Map.of("ecg", 360, "eda", 4, "resp", 700, "temp", 4, "acc_x", 32,
                "acc_y", 32, "acc_z", 32), 125);
        List<Map<String, Object>> cut = plugin.segment(recording);
        assertEquals(3, cut.size(), "125 s: windows at 0, 30 and 60 s");
        for (Map<String, Object> window : cut) {
            assertEquals(35, window.get("hz"));
            for (String channel : Window.CHANNELS) {
                assertEquals(Window.SAMPLES, ((List<?>) window.get(channel)).size());
            }
        }
        Prediction first = plugin.predict(cut.subList(0, 1), this::run).get(0);
        assertNotNull(first.details().get("heartRate"));
        double rate = (double) first.details().get("heartRate");
        assertTrue(rate > 90 && rate < 125, "MIT-BIH 208 resampled from 360 Hz: " + rate);
    }

    @Test
    void badRecordingsAreRefusedWithTheirField() {
        Map<String, Integer> rates = Map.of("ecg", 360, "eda", 4, "resp", 700, "temp", 4, "acc_x", 32, "acc_y", 32, "acc_z", 32);
        Map<String, Object> missing = recording(rates, 70);
        ((Map<?, ?>) missing.get("channels")).remove("resp");
        assertEquals("channels/resp", refused(missing).field());
        assertTrue(refused(recording(rates, 50)).getMessage().contains("one window needs 60 s"));
        Map<String, Object> absurd = recording(rates, 70);
        channel(absurd, "eda").put("hz", 1_000_000);
        assertEquals("channels/eda/hz", refused(absurd).field());
        Map<String, Object> mismatched = recording(rates, 70);
        channel(mismatched, "temp").put("values", new ArrayList<>(((List<?>) channel(mismatched, "temp").get("values")).subList(0, 200)));
        assertTrue(refused(mismatched).getMessage().contains("same time"));
        Map<String, Object> notNumbers = recording(rates, 70);
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) channel(notNumbers, "eda").get("values");
        values.set(5, "NaN");
        assertEquals("channels/eda/values/5", refused(notNumbers).field());
    }

    private InvalidInputException refused(Map<String, Object> recording) {
        return assertThrows(InvalidInputException.class, () -> plugin.segment(recording));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> channel(Map<String, Object> recording, String name) {
        return (Map<String, Object>) ((Map<String, Object>) recording.get("channels")).get(name);
    }

    /** A recording of {@code seconds}: MIT-BIH 208's ECG, the other channels quiet and plausible, each at its rate. */
    static Map<String, Object> recording(Map<String, Integer> rates, int seconds) {
        double[] ecg = RealSignals.mitBih208();
        double[] levels = {0, 3.0, 0, 33.5, 0.02, -0.05, 0.95};
        java.util.Random random = new java.util.Random(4);
        Map<String, Object> channels = new LinkedHashMap<>();
        for (int c = 0; c < Window.CHANNELS.size(); c++) {
            String name = Window.CHANNELS.get(c);
            int hz = rates.get(name);
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < seconds * hz; i++) {
                double t = (double) i / hz;
                values.add(switch (name) {
                    case "ecg" -> ecg[(int) (t * 360)];
                    case "resp" -> 5 * Math.sin(2 * Math.PI * 0.25 * t);
                    default -> levels[c] + 0.01 * random.nextGaussian();
                });
            }
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("hz", hz);
            channel.put("values", values);
            channels.put(name, channel);
        }
        Map<String, Object> recording = new LinkedHashMap<>();
        recording.put("channels", channels);
        return recording;
    }

    private static List<Map<String, Object>> readWindows(int count) throws IOException {
        byte[] bytes;
        try (InputStream in = BiosignalPluginTest.class.getResourceAsStream("/windows.f32")) {
            bytes = in.readAllBytes();
        }
        FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        List<Map<String, Object>> windows = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("hz", 35);
            for (String channel : Window.CHANNELS) {
                List<Double> values = new ArrayList<>(Window.SAMPLES);
                for (int i = 0; i < Window.SAMPLES; i++) {
                    values.add((double) floats.get());
                }
                window.put(channel, values);
            }
            windows.add(window);
        }
        return windows;
    }

    /** The plugin's view of ONNX Runtime, as the service provides it. */
    private Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
        FloatTensor input = inputs.get("window");
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(input.data()), input.shape());
                OrtSession.Result result = session.run(Map.of("window", tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer buffer = out.getFloatBuffer();
            float[] data = new float[buffer.remaining()];
            buffer.get(data);
            return Map.of("probability", new FloatTensor(out.getInfo().getShape(), data));
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
