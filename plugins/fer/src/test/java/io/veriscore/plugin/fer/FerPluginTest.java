package io.veriscore.plugin.fer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.face.FaceScanner;
import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.InvalidInputException;
import io.veriscore.spi.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin with its real model on ONNX Runtime, on the hand-labelled faces of models/face/testset. */
class FerPluginTest {

    static final Path TEST_SET = Path.of(System.getProperty("veriscore.face.testset", "../../models/face/testset"));

    static FaceScanner scanner;
    static OrtSession session;
    final FerPlugin plugin = new FerPlugin();

    @BeforeAll
    static void load() throws IOException, OrtException {
        scanner = new FaceScanner(FaceScanner.Limits.DEFAULT, 1);
        try (InputStream model = FerPlugin.class.getResourceAsStream("fer_mini_xception.onnx")) {
            session = OrtEnvironment.getEnvironment().createSession(model.readAllBytes());
        }
    }

    @AfterAll
    static void close() throws OrtException {
        scanner.close();
        session.close();
    }

    @Test
    void smilingFacesAreHappyAndClosedLipsAreNot() throws IOException {
        JsonNode faces = new ObjectMapper().readTree(TEST_SET.resolve("labels.json").toFile()).get("faces");
        List<String> wrong = new ArrayList<>();
        int labelled = 0;
        for (Map.Entry<String, JsonNode> face : faces.properties()) {
            String expected = face.getValue().get("emotion").asText(null);
            Prediction prediction = classify(face.getKey());
            System.out.printf("Figures: %s labelled %s -> %s %.2f%n", face.getKey(), expected, prediction.label(), prediction.score());
            if (expected == null) {
                continue;
            }
            labelled++;
            boolean happy = prediction.label().equals("happy");
            if (happy != expected.equals("happy")) {
                wrong.add(face.getKey());
            }
        }
        System.out.printf("Figures: happy / not happy right on %d of %d labelled faces; wrong: %s%n",
                labelled - wrong.size(), labelled, wrong);
        assertEquals("happy", classify("astronaut.jpg").label());
        assertTrue(wrong.size() <= labelled / 5, "wrong on " + wrong);
    }

    @Test
    void probabilitiesCoverTheSevenEmotionsAndSumToOne() {
        Prediction prediction = classify("s3-left.jpg");
        @SuppressWarnings("unchecked")
        Map<String, Double> probabilities = (Map<String, Double>) prediction.details().get("probabilities");
        assertEquals(FerPlugin.EMOTIONS, List.copyOf(probabilities.keySet()));
        assertEquals(1.0, probabilities.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-4);
        assertEquals(probabilities.get(prediction.label()), prediction.score(), 1e-6);
    }

    @Test
    void aFaceOfTheWrongSizeIsRefused() {
        Map<String, Object> input = Map.of("face", java.util.Base64.getEncoder().encodeToString(new byte[100]));
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> plugin.predict(List.of(input), this::run));
        assertEquals("face", error.field());
    }

    private Prediction classify(String file) {
        try {
            var face = scanner.scan(Files.readAllBytes(TEST_SET.resolve(file)), OffsetDateTime.now()).face();
            return plugin.predict(List.of(plugin.inputFor(face)), this::run).get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The plugin's view of ONNX Runtime, as the service provides it. */
    private Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
        var entry = inputs.entrySet().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(),
                FloatBuffer.wrap(entry.getValue().data()), entry.getValue().shape());
                OrtSession.Result result = session.run(Map.of(entry.getKey(), tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer buffer = out.getFloatBuffer();
            float[] data = new float[buffer.remaining()];
            buffer.get(data);
            return Map.of("Identity:0", new FloatTensor(out.getInfo().getShape(), data));
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
