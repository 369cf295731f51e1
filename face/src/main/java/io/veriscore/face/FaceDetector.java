package io.veriscore.face;

import io.veriscore.face.RgbImage.Channels;
import io.veriscore.face.RgbImage.Region;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe's BlazeFace (front-camera model, 128 x 128): anchors, scores, non-maximum suppression. The whole image is
 * letterboxed into the model's square input, so it finds faces that fill a good part of the frame, as in a selfie.
 */
final class FaceDetector implements AutoCloseable {

    static final String SHA256 = "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51";
    private static final int SIZE = 128;
    private static final double[][] ANCHORS = anchors();
    private static final double OVERLAP = 0.3;

    /** A face: box in image pixels, six keypoints (eyes as seen: image-left first, nose, mouth, ears), score. */
    record Detection(double x, double y, double width, double height, double[][] keypoints, double score) {

        double area() {
            return width * height;
        }

        double overlap(Detection other) {
            double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
            double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
            double intersection = ix * iy;
            return intersection / (area() + other.area() - intersection);
        }
    }

    private final OnnxModel model;
    private final double minScore;

    FaceDetector(int intraOpThreads, double minScore) {
        this.model = new OnnxModel("blazeface_front_128.onnx", SHA256, intraOpThreads);
        this.minScore = minScore;
    }

    /** The faces found, best first. */
    List<Detection> detect(RgbImage image) {
        double side = Math.max(image.width(), image.height());
        Region letterbox = new Region(image.width() / 2.0, image.height() / 2.0, side, 0);
        float[] input = image.crop(letterbox, SIZE, Channels.RGB, 2, -1);
        Map<String, float[]> out = model.run(input, 1, SIZE, SIZE, 3);
        float[] scores = concat(out.get("Identity:0"), out.get("Identity_1:0"));
        float[] boxes = concat(out.get("Identity_2:0"), out.get("Identity_3:0"));
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < ANCHORS.length; i++) {
            double score = 1 / (1 + Math.exp(-Math.clamp(scores[i], -80, 80)));
            if (score >= minScore) {
                candidates.add(decode(boxes, i, score, letterbox, side));
            }
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> faces = new ArrayList<>();
        for (Detection candidate : candidates) {
            if (faces.stream().allMatch(face -> face.overlap(candidate) < OVERLAP)) {
                faces.add(candidate);
            }
        }
        return faces;
    }

    private static Detection decode(float[] boxes, int anchor, double score, Region letterbox, double side) {
        int at = anchor * 16;
        double[] centre = toImage(boxes[at] / SIZE + ANCHORS[anchor][0], boxes[at + 1] / SIZE + ANCHORS[anchor][1], letterbox);
        double width = boxes[at + 2] / SIZE * side;
        double height = boxes[at + 3] / SIZE * side;
        double[][] keypoints = new double[6][];
        for (int k = 0; k < 6; k++) {
            keypoints[k] = toImage(boxes[at + 4 + 2 * k] / SIZE + ANCHORS[anchor][0],
                    boxes[at + 5 + 2 * k] / SIZE + ANCHORS[anchor][1], letterbox);
        }
        return new Detection(centre[0] - width / 2, centre[1] - height / 2, width, height, keypoints, score);
    }

    private static double[] toImage(double x, double y, Region letterbox) {
        return letterbox.toImage(x * SIZE, y * SIZE, SIZE);
    }

    /** BlazeFace's SSD anchors: 16 x 16 cells with 2 anchors each, then 8 x 8 cells with 6, centred in their cells. */
    private static double[][] anchors() {
        List<double[]> anchors = new ArrayList<>();
        for (int[] layer : new int[][] {{16, 2}, {8, 6}}) {
            for (int y = 0; y < layer[0]; y++) {
                for (int x = 0; x < layer[0]; x++) {
                    for (int k = 0; k < layer[1]; k++) {
                        anchors.add(new double[] {(x + 0.5) / layer[0], (y + 0.5) / layer[0]});
                    }
                }
            }
        }
        return anchors.toArray(double[][]::new);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Override
    public void close() {
        model.close();
    }
}
