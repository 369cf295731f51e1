package io.veriscore.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The hand-labelled face crops in models/face/testset (see labels.json there). */
final class TestSet {

    static final Path DIRECTORY = Path.of(System.getProperty("veriscore.face.testset", "../models/face/testset"));

    record LabelledFace(String file, String eyes, String emotion, Map<String, double[]> points) {

        byte[] bytes() {
            return TestSet.bytes(file);
        }
    }

    static List<LabelledFace> faces() {
        try {
            JsonNode labels = new ObjectMapper().readTree(DIRECTORY.resolve("labels.json").toFile()).get("faces");
            List<LabelledFace> faces = new ArrayList<>();
            labels.properties().forEach(entry -> {
                JsonNode face = entry.getValue();
                Map<String, double[]> points = new java.util.TreeMap<>();
                if (face.has("points")) {
                    face.get("points").properties().forEach(point -> points.put(point.getKey(),
                            new double[] {point.getValue().get(0).asDouble(), point.getValue().get(1).asDouble()}));
                }
                faces.add(new LabelledFace(entry.getKey(), text(face.get("eyes")), text(face.get("emotion")), points));
            });
            return faces;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private TestSet() {}
}
