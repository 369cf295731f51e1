package io.veriscore.plugin.stress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.InvalidInputException;
import io.veriscore.spi.Prediction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Pre- and post-processing around the model; the model itself is checked in the app's ModelCheckTest. */
class StressMlpPluginTest {

    private final StressMlpPlugin plugin = new StressMlpPlugin();
    private final AtomicReference<FloatTensor> seen = new AtomicReference<>();

    private List<Prediction> predict(List<Map<String, Object>> inputs, float... scores) {
        return plugin.predict(inputs, in -> {
            seen.set(in.get("input"));
            return Map.of("output", FloatTensor.matrix(scores.length, 1, scores));
        });
    }

    private static Map<String, Object> rested() {
        Map<String, Object> input = new HashMap<>();
        input.put("left_eye_aspect", 0.32);
        input.put("right_eye_aspect", 0.33);
        input.put("brow_tension", 0.045);
        input.put("mouth_tension", 5);
        input.put("eye_symmetry", 0.04);
        input.put("mouth_opening", 0.18);
        input.put("time_of_day", 0.34);
        return input;
    }

    @Test
    void featuresGoIntoTheTensorInTheModelsOrder() {
        predict(List.of(rested(), rested()), 0.2f, 0.7f);
        assertArrayEquals(new long[] {2, 7}, seen.get().shape());
        assertArrayEquals(new float[] {0.32f, 0.33f, 0.045f, 5f, 0.04f, 0.18f, 0.34f},
                java.util.Arrays.copyOf(seen.get().data(), 7));
    }

    @Test
    void labelsAtTheSeedsThreshold() {
        List<Prediction> predictions = predict(List.of(rested(), rested(), rested()), 0.49f, 0.5f, 0.9f);
        assertEquals(List.of("healthy", "stressed", "stressed"), predictions.stream().map(Prediction::label).toList());
        assertEquals(0.9, predictions.get(2).score(), 1e-6);
    }

    @Test
    void flagsButScoresValuesOutsideTheTrainingRange() {
        Map<String, Object> input = rested();
        input.put("mouth_tension", 20.0);
        Prediction prediction = predict(List.of(input), 0.6f).get(0);
        assertEquals(1, prediction.warnings().size());
        assertTrue(prediction.warnings().get(0).startsWith("mouth_tension = 20.0 is outside the training range"));
        assertTrue(predict(List.of(rested()), 0.3f).get(0).warnings().isEmpty());
    }

    @Test
    void rejectsNonNumbersAndNonFiniteValuesNamingRowAndField() {
        Map<String, Object> text = rested();
        text.put("brow_tension", "high");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> predict(List.of(rested(), text), 0f, 0f));
        assertEquals(1, e.index());
        assertEquals("brow_tension", e.field());

        Map<String, Object> infinite = rested();
        infinite.put("mouth_tension", Double.POSITIVE_INFINITY);
        e = assertThrows(InvalidInputException.class, () -> predict(List.of(infinite), 0f));
        assertEquals("mouth_tension", e.field());
    }

    @Test
    void givesTheProverTheRowThatThePredictionUsed() {
        predict(List.of(rested()), 0.3f);
        assertArrayEquals(seen.get().data(), plugin.modelInput(rested()));
    }

    @Test
    void calibratesOnTheValidationSplit() {
        List<float[]> rows = plugin.calibrationInputs();
        assertEquals(400, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.length == 7));
        assertEquals(11.76383f, rows.get(0)[3], 1e-6f, "mouth_tension of the first validation row of dataset.csv");
    }

    @Test
    void describesItselfWithThePinnedModel() throws Exception {
        var descriptor = new StressMlpPluginFactory().create().descriptor();
        assertEquals("stress-mlp", descriptor.id());
        assertTrue(descriptor.inputSchema().contains("\"time_of_day\""));
        // The packaged file's own hash, not the constant the descriptor is built from (that comparison could not fail).
        try (var onnx = StressMlpPlugin.class.getClassLoader().getResourceAsStream(descriptor.model().resourcePath())) {
            assertNotNull(onnx, descriptor.model().resourcePath());
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(onnx.readAllBytes());
            assertEquals(descriptor.model().sha256(), java.util.HexFormat.of().formatHex(digest));
        }
    }
}
