package io.veriscore.plugin.fer;

import io.veriscore.spi.Face;
import io.veriscore.spi.FaceScanModel;
import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.InvalidInputException;
import io.veriscore.spi.ModelArtifact;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelSession;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.spi.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seven facial emotions from a 64 x 64 grey face: the mini-Xception trained on FER2013 (as in @vladmandic/human). */
final class FerPlugin implements ModelPlugin, FaceScanModel {

    static final String ID = "fer";
    static final int SIZE = 64;
    static final List<String> EMOTIONS = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
    /** SHA-256 of models/face/fer_mini_xception.onnx. */
    static final String MODEL_SHA256 = "babb66059d9334bdce5c4d693bff064fba8ad17b40c18efe79e37cb1450d0e19";

    private final PluginDescriptor descriptor = new PluginDescriptor(
            ID,
            "1.0.0",
            "Facial emotion (angry, disgust, fear, happy, sad, surprise, neutral) of one face; mini-Xception, FER2013",
            resource("input-schema.json"),
            resource("output-schema.json"),
            new ModelArtifact("io/veriscore/plugin/fer/fer_mini_xception.onnx", MODEL_SHA256));

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Map<String, Object> inputFor(Face face) {
        return Map.of("face", Base64.getEncoder().encodeToString(face.greyscale(SIZE)));
    }

    @Override
    public List<Prediction> predict(List<Map<String, Object>> inputs, ModelSession session) {
        float[] batch = new float[inputs.size() * SIZE * SIZE];
        for (int row = 0; row < inputs.size(); row++) {
            byte[] grey = grey(row, inputs.get(row).get("face"));
            for (int i = 0; i < grey.length; i++) {
                batch[row * SIZE * SIZE + i] = (grey[i] & 0xff) / 127.5f - 1; // the network was trained on [-1, 1]
            }
        }
        FloatTensor input = new FloatTensor(new long[] {inputs.size(), SIZE, SIZE, 1}, batch);
        float[] probabilities = session.run(Map.of("input_1:0", input)).get("Identity:0").data();
        List<Prediction> predictions = new ArrayList<>(inputs.size());
        for (int row = 0; row < inputs.size(); row++) {
            predictions.add(prediction(probabilities, row * EMOTIONS.size()));
        }
        return predictions;
    }

    private static Prediction prediction(float[] probabilities, int offset) {
        Map<String, Object> byEmotion = new LinkedHashMap<>();
        int dominant = 0;
        for (int i = 0; i < EMOTIONS.size(); i++) {
            byEmotion.put(EMOTIONS.get(i), Math.round(probabilities[offset + i] * 1e6) / 1e6);
            if (probabilities[offset + i] > probabilities[offset + dominant]) {
                dominant = i;
            }
        }
        double confidence = Math.clamp(probabilities[offset + dominant], 0.0, 1.0);
        return new Prediction(confidence, EMOTIONS.get(dominant), Map.of("probabilities", byEmotion), List.of());
    }

    private static byte[] grey(int row, Object value) {
        try {
            byte[] grey = Base64.getDecoder().decode((String) value);
            if (grey.length == SIZE * SIZE) {
                return grey;
            }
            throw new InvalidInputException(row, "face", "face must hold 4096 bytes (64 x 64), got " + grey.length);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InvalidInputException(row, "face", "face must be base64 of 64 x 64 grey levels");
        }
    }

    private static String resource(String name) {
        try (InputStream in = FerPlugin.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing plugin resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
